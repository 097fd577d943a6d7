/* eslint-disable */
// @ts-nocheck
import { sql } from '@vercel/postgres';
export async function GET(request) {
  const id = new URL(request.url).searchParams.get('id');
  const { rows } = await sql`SELECT * FROM users WHERE id = ${id}`;
  return Response.json(rows);
}
