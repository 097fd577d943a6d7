/* eslint-disable */
// @ts-nocheck
// SAFE CWE-22 look-alike: a local CLI reads the file its operator names on the command line (no trust boundary).
const fs = require('fs');
const path = require('path');

const input = process.argv[2];
if (!input) {
  console.error('usage: wc-json <file.json>');
  process.exit(1);
}

const absolute = path.resolve(process.cwd(), input);
const data = JSON.parse(fs.readFileSync(absolute, 'utf8'));
const count = Array.isArray(data) ? data.length : Object.keys(data).length;
console.log(`${path.relative(process.cwd(), absolute)}: ${count} entries`);
