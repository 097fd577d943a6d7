/* eslint-disable */
const https = require('https');
function health() {
  return new Promise((resolve) => https.get('https://status.example.com/health', resolve));
}
module.exports = { health };
