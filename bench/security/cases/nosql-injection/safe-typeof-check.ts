/* eslint-disable */
// @ts-nocheck
export async function reset(req, res) {
  const { token } = req.body;
  if (typeof token !== 'string') return res.sendStatus(400);
  const record = await Tokens.findOne({ token });
  res.json({ valid: Boolean(record) });
}
