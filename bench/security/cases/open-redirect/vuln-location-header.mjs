import http from 'node:http';
http.createServer((req, res) => {
  const u = new URL(req.url, 'http://localhost');
  res.writeHead(302, { Location: u.searchParams.get('r') });
  res.setHeader('Location', u.searchParams.get('r'));
  res.end();
});
