/* eslint-disable */
app.put('/profile', (req, res) => {
  const profile = getProfile(req.user.id);
  for (const field in req.body) {
    profile[field] = req.body[field];
  }
  res.json(profile);
});
