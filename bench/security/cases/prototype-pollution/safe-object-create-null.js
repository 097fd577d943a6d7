/* eslint-disable */
function indexBy(list, key) {
  const out = Object.create(null);
  for (const item of list) out[item[key]] = item;
  return out;
}
module.exports = { indexBy };
