/* eslint-disable */
const cp = require('child_process');
function runTool(name, args) {
  return cp.execSync(name + ' ' + args.join(' ')).toString();
}
app.post('/tools/run', (req, res) => {
  const output = runTool('nslookup', [req.body.domain]);
  res.send({ output });
});
