/* eslint-disable */
// @ts-nocheck
const FIELDS = ['name', 'bio', 'avatar'];
export function update(req, res) {
  const profile = {};
  for (const field of FIELDS) {
    if (field in req.body) profile[field] = String(req.body[field]);
  }
  res.json(profile);
}
