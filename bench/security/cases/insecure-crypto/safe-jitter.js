/* eslint-disable */
function backoff(attempt) {
  const jitter = Math.random() * 100;
  return Math.min(30000, 2 ** attempt * 100 + jitter);
}
