/* eslint-disable */
// @ts-nocheck
// SAFE CWE-601 look-alike: redirect_uri must exactly match a registered client callback.
const REGISTERED_CALLBACKS = new Set([
  'https://app.example.com/auth/callback',
  'https://staging.example.com/auth/callback',
]);

exports.handler = async (event) => {
  const params = event.queryStringParameters || {};
  const redirectUri = params.redirect_uri;
  if (!REGISTERED_CALLBACKS.has(redirectUri)) {
    return { statusCode: 400, body: JSON.stringify({ error: 'invalid_redirect_uri' }) };
  }
  const state = params.state || '';
  return {
    statusCode: 302,
    headers: { Location: `${redirectUri}?state=${encodeURIComponent(state)}` },
    body: '',
  };
};
