/* eslint-disable */
// @ts-nocheck
// VULN CWE-89: Lambda builds a knex.raw statement by concatenating a path parameter.
const knex = require('knex')({
  client: 'pg',
  connection: process.env.DATABASE_URL,
});

exports.handler = async (event) => {
  const tenant = event.pathParameters.tenant;
  const from = event.queryStringParameters?.from || '2024-01-01';
  const result = await knex.raw(
    "SELECT date_trunc('day', created_at) AS day, count(*) FROM events WHERE tenant_id = '" +
      tenant +
      "' AND created_at >= '" +
      from +
      "' GROUP BY 1 ORDER BY 1",
  );
  return { statusCode: 200, body: JSON.stringify(result.rows) };
};
