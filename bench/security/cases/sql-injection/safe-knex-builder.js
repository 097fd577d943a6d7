/* eslint-disable */
async function listUsers(req, res) {
  const users = await knex('users')
    .where('age', '>', Number(req.query.minAge))
    .select('id', 'name');
  res.json(users);
}
