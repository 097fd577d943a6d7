import { exec } from 'node:child_process';
export function freePort(req, res) {
  const port = parseInt(req.query.port, 10);
  exec(`lsof -i :${port}`, (err, out) => res.send(out));
}
