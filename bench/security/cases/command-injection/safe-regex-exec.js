/* eslint-disable */
const pattern = /(\d+)-(\d+)/;
app.get('/range', (req, res) => {
  const m = pattern.exec(req.query.range);
  res.json({ from: m && m[1], to: m && m[2] });
});
