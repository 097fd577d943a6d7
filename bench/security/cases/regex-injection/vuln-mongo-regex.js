/* eslint-disable */
app.get('/users', async (req, res) => {
  const rx = new RegExp(req.query.name);
  res.json(await User.find({ name: { $regex: rx } }));
});
