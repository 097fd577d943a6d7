/* eslint-disable */
// @ts-nocheck
// SAFE CWE-89 look-alike: knex query builder binds tenant and date values.
const knex = require('knex')({
  client: 'pg',
  connection: process.env.DATABASE_URL,
});

exports.handler = async (event) => {
  const tenant = event.pathParameters.tenant;
  const from = event.queryStringParameters?.from || '2024-01-01';
  const rows = await knex('events')
    .select(knex.raw("date_trunc('day', created_at) as day"))
    .count('* as count')
    .where({ tenant_id: tenant })
    .andWhere('created_at', '>=', from)
    .groupByRaw('1')
    .orderByRaw('1');
  return { statusCode: 200, body: JSON.stringify(rows) };
};
