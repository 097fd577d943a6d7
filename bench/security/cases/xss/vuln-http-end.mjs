import http from 'node:http';
http
  .createServer((req, res) => {
    const name = new URL(req.url, 'http://x').searchParams.get('name');
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<p>Hi ' + name + '</p>');
  })
  .listen(8000);
