/* eslint-disable */
// @ts-nocheck
// VULN CWE-601: Lambda returns a 302 whose Location header is the redirect_uri query parameter.
exports.handler = async (event) => {
  const params = event.queryStringParameters || {};
  const redirectUri = params.redirect_uri;
  const state = params.state || '';
  return {
    statusCode: 302,
    headers: {
      Location: `${redirectUri}?state=${encodeURIComponent(state)}`,
      'Cache-Control': 'no-store',
    },
    body: '',
  };
};
