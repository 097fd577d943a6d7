/* eslint-disable */
app.get('/users', async (req, res) => {
  const safe = req.query.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  res.json(await User.find({ name: new RegExp(safe, 'i') }));
});
