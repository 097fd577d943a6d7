/* eslint-disable */
// @ts-nocheck
// SAFE CWE-328 look-alike: MD5 is used only as a cache-busting content fingerprint for static assets.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

function fingerprint(filePath) {
  const content = fs.readFileSync(filePath);
  return crypto.createHash('md5').update(content).digest('hex').slice(0, 8);
}

function buildManifest(distDir) {
  const manifest = {};
  for (const file of fs.readdirSync(distDir)) {
    if (!/\.(js|css)$/.test(file)) continue;
    const ext = path.extname(file);
    manifest[file] = `${path.basename(file, ext)}.${fingerprint(path.join(distDir, file))}${ext}`;
  }
  return manifest;
}

module.exports = { buildManifest };
