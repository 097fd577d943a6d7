/* eslint-disable */
app.get('/user/:id', async (req, res) => {
  const r = await fetch(`https://api.github.com/users/${encodeURIComponent(req.params.id)}`);
  res.json(await r.json());
});
