/* eslint-disable */
app.get('/search', (req, res) => {
  const q = String(req.query.q).toLowerCase();
  res.json(items.filter((i) => i.name.toLowerCase().includes(q)));
});
