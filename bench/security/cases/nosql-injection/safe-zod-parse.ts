/* eslint-disable */
// @ts-nocheck
import { z } from 'zod';
const Login = z.object({ email: z.string().email(), password: z.string() });
export async function login(req, res) {
  const { email } = Login.parse(req.body);
  const user = await Users.findOne({ email });
  res.json({ found: !!user });
}
