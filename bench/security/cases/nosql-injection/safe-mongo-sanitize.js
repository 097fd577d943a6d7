/* eslint-disable */
const sanitize = require('mongo-sanitize');
app.post('/search', async (req, res) => {
  const docs = await Post.find(sanitize(req.body.filter));
  res.json(docs);
});
