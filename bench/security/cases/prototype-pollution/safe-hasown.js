/* eslint-disable */
app.put('/profile', (req, res) => {
  const profile = {};
  for (const field in req.body) {
    if (!Object.prototype.hasOwnProperty.call(allowed, field)) continue;
    profile[field] = req.body[field];
  }
  res.json(profile);
});
