/* eslint-disable */
app.post('/calc', (req, res) => {
  const data = JSON.parse(req.body.payload);
  res.json({ sum: data.a + data.b });
});
