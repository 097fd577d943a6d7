/* eslint-disable */
app.delete('/sessions', async (req, res) => {
  const filter = req.body.filter;
  await Session.deleteMany(filter);
  res.sendStatus(204);
});
