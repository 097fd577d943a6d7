/* eslint-disable */
export async function reset(req, res) {
  const { token } = req.body;
  const record = await Tokens.findOne({ token });
  if (!record) return res.sendStatus(404);
  res.send('ok');
}
