/* eslint-disable */
const WORD = 'error';
const re = new RegExp('\\b' + WORD + '\\b', 'g');
module.exports = (line) => re.test(line);
