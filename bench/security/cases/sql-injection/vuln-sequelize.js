/* eslint-disable */
const { sequelize } = require('./models');
router.post('/login', async (req, res) => {
  const { username, password } = req.body;
  const [users] = await sequelize.query(
    "SELECT id FROM users WHERE username = '" + username + "' AND password = '" + password + "'",
  );
  res.json({ ok: users.length > 0 });
});
