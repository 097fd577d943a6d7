/* eslint-disable */
const { exec } = require('child_process');
router.get('/whois', function (req, res) {
  const domain = req.headers['x-domain'];
  exec(`whois ${domain}`, (e, out) => res.end(out));
});
