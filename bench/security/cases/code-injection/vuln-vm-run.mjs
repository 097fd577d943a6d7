import vm from 'node:vm';
import express from 'express';
const app = express();
app.post('/sandbox', express.json(), (req, res) => {
  const out = vm.runInNewContext(req.body.code, { console });
  res.send(String(out));
});
