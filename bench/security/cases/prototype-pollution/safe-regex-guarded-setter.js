/* eslint-disable */
const RESERVED = /^(?:__proto__|prototype|constructor)$/;
function assignAt(root, dotted, value) {
  const steps = dotted.split('.');
  if (steps.some((s) => RESERVED.test(s))) throw new TypeError('reserved key in path');
  let node = root;
  for (const s of steps.slice(0, -1)) node = node[s] ??= {};
  node[steps[steps.length - 1]] = value;
  return root;
}
module.exports = assignAt;
