/* eslint-disable */
app.get('/echo', (req, res) => {
  res.json({ query: req.query.q, at: Date.now() });
});
