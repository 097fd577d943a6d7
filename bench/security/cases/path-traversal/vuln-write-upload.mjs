import fs from 'node:fs';
export function upload(req, res) {
  const dest = `./uploads/${req.body.filename}`;
  fs.writeFileSync(dest, req.body.content);
  res.sendStatus(201);
}
