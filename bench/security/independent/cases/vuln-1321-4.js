/* eslint-disable */
// @ts-nocheck
// VULN CWE-1321: hand-written nested query-string parser (a[b][c]=1) assigns bracket keys blindly.
function parseNested(queryString) {
  const result = {};
  for (const pair of queryString.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const [rawKey, rawValue = ''] = pair.split('=');
    const keys = decodeURIComponent(rawKey).replace(/\]/g, '').split('[');
    let node = result;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) {
        node[key] = decodeURIComponent(rawValue);
      } else {
        node[key] = node[key] || {};
        node = node[key];
      }
    });
  }
  return result;
}

const filters = parseNested(window.location.search);
window.appState = Object.assign({ page: 1 }, filters);
