/* eslint-disable */
app.get('/posts', async (req, res) => {
  const limit = Number.parseInt(req.query.limit, 10) || 20;
  const rows = await db.query(`SELECT * FROM posts ORDER BY id DESC LIMIT ${limit}`);
  res.json(rows);
});
