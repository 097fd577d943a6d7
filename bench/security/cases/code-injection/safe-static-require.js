/* eslint-disable */
const path = require('path');
const config = require('./config.json');
const plugins = ['a', 'b'].map((n) => require('./plugins/' + n));
module.exports = { config, plugins };
