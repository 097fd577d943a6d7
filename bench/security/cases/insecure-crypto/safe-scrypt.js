/* eslint-disable */
const crypto = require('crypto');
function hashPassword(password) {
  const salt = crypto.randomBytes(16);
  return crypto.scryptSync(password, salt, 64).toString('hex') + ':' + salt.toString('hex');
}
