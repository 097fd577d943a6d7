/* eslint-disable */
app.post('/votes', (req, res) => {
  const idx = parseInt(req.body.option, 10);
  votes[idx] = (votes[idx] || 0) + 1;
  res.json(votes);
});
