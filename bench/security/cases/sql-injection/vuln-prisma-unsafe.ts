/* eslint-disable */
// @ts-nocheck
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export default async function handler(req, res) {
  const email = req.query.email;
  const users = await prisma.$queryRawUnsafe('SELECT * FROM "User" WHERE email = \'' + email + "'");
  res.status(200).json(users);
}
