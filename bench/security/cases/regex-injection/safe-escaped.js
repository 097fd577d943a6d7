/* eslint-disable */
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
app.get('/search', (req, res) => {
  const re = new RegExp(escapeRegExp(req.query.q), 'i');
  res.json(items.filter((i) => re.test(i.name)));
});
