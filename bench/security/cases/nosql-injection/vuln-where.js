/* eslint-disable */
router.get('/search', async (req, res) => {
  const docs = await Post.find({ $where: "this.title == '" + req.query.title + "'" });
  res.json(docs);
});
