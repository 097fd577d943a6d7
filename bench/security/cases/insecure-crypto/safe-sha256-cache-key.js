/* eslint-disable */
const { createHash } = require('crypto');
function cacheKey(url, params) {
  return createHash('sha1')
    .update(url + JSON.stringify(params))
    .digest('hex');
}
