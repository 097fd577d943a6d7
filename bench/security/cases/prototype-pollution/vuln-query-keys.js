/* eslint-disable */
app.get('/filters', (req, res) => {
  const filters = {};
  filters[req.query.group][req.query.name] = req.query.value;
  res.json(filters);
});
