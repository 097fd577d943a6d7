/* eslint-disable */
app.get('/find', async (req, res) => {
  const q = JSON.parse(req.query.q);
  res.json(await Product.find(q));
});
