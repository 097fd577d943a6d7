/* eslint-disable */
app.get('/users/:id/edit', (req, res) => {
  res.redirect(`/users/${encodeURIComponent(req.params.id)}`);
});
