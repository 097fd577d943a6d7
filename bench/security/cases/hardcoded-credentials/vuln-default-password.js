/* eslint-disable */
const users = [{ username: 'admin', password: 'changeme' }];
module.exports = users;
