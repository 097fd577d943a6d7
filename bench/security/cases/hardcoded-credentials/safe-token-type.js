/* eslint-disable */
const tokenType = 'Bearer';
const passwordResetRoute = '/auth/reset-password';
const secretName = 'prod/db/credentials';
const headers = { Authorization: tokenType + ' ' + getToken() };
