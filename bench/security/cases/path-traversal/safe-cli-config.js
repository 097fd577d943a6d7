/* eslint-disable */
const fs = require('fs');
const configPath = process.argv[2] || './config.json';
const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
console.log(config.name);
