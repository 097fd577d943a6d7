/* eslint-disable */
function assignAt(root, dotted, value) {
  const steps = dotted.split('.');
  const leaf = steps.pop();
  const holder = steps.reduce((node, step) => node[step] || (node[step] = {}), root);
  holder[leaf] = value;
  return root;
}
module.exports = assignAt;
