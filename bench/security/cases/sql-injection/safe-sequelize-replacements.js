/* eslint-disable */
router.post('/login', async (req, res) => {
  const [users] = await sequelize.query('SELECT id FROM users WHERE username = :username', {
    replacements: { username: req.body.username },
  });
  res.json({ ok: users.length > 0 });
});
