/* eslint-disable */
const evaluate = (node) => node.value;
app.post('/expr', (req, res) => {
  res.json({ value: evaluate(req.body) });
});
