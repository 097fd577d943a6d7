/* eslint-disable */
// @ts-nocheck
export default async function handler(req, res) {
  const users = await prisma.$queryRaw`SELECT * FROM "User" WHERE email = ${req.query.email}`;
  res.json(users);
}
