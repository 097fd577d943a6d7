/* eslint-disable */
function deepMerge(a, b) {
  Object.keys(b).forEach((k) => {
    if (b[k] && typeof b[k] === 'object') {
      a[k] = deepMerge(a[k] || {}, b[k]);
    } else {
      a[k] = b[k];
    }
  });
  return a;
}
module.exports = deepMerge;
