/* eslint-disable */
app.get('/login/callback', (req, res) => {
  res.redirect(req.query.returnTo);
});
