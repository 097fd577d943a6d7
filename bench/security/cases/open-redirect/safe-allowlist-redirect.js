/* eslint-disable */
const SAFE = new Set(['/dashboard', '/settings', '/']);
app.get('/login/callback', (req, res) => {
  const to = req.query.returnTo;
  res.redirect(SAFE.has(to) ? to : '/');
});
