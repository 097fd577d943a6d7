/* eslint-disable */
app.patch('/user', (req, res) => {
  const { name, email } = req.body;
  const updated = { ...user, name, email };
  res.json(updated);
});
