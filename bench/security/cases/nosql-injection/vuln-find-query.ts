/* eslint-disable */
// @ts-nocheck
export async function list(req, res) {
  const items = await db.collection('items').find(req.query).toArray();
  res.json(items);
}
