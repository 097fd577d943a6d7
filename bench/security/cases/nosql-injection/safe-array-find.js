/* eslint-disable */
app.get('/user', (req, res) => {
  const user = users.find((u) => u.name === req.query.name);
  res.json(user || null);
});
