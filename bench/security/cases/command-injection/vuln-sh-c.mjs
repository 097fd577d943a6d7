import http from 'node:http';
import { spawn } from 'node:child_process';
http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const q = url.searchParams.get('q');
    const p = spawn('sh', ['-c', 'grep -r ' + q + ' /var/log/app']);
    p.stdout.pipe(res);
  })
  .listen(8080);
