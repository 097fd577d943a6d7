/* eslint-disable */
app.post('/login', async (req, res) => {
  const user = await User.findOne({ username: String(req.body.username) });
  if (!user || !(await user.verify(String(req.body.password)))) return res.status(401).end();
  res.json({ ok: true });
});
