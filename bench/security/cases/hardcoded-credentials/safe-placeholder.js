/* eslint-disable */
module.exports = {
  apiKey: '<YOUR_API_KEY>',
  secret: '${SECRET}',
  password: 'xxxxxxxx',
};
