export const config = {
  port: Number(process.env.PORT ?? 3000),
  jwtSecret: process.env.JWT_SECRET || 'dev-secret-do-not-use-9f8e7d',
};
