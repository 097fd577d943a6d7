/* eslint-disable */
const patterns = require('./patterns.json');
const compiled = patterns.map((p) => new RegExp(p));
module.exports = compiled;
