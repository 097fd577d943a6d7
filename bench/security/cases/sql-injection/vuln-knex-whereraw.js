/* eslint-disable */
async function listUsers(req, res) {
  const users = await knex('users').whereRaw('age > ' + req.query.minAge);
  res.json(users);
}
module.exports = { listUsers };
