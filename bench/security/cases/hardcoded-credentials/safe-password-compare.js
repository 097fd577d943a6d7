/* eslint-disable */
async function login(req, res) {
  const { password } = req.body;
  const ok = await bcrypt.compare(password, user.passwordHash);
  res.json({ ok });
}
