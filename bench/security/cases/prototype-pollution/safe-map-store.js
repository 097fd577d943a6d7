/* eslint-disable */
const store = new Map();
app.post('/kv', (req, res) => {
  store.set(req.body.key, req.body.value);
  res.sendStatus(204);
});
