import { writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
export async function upload(req, res) {
  const id = randomUUID();
  await writeFile(`./uploads/${id}.bin`, req.body);
  res.json({ id });
}
