/* eslint-disable */
// @ts-nocheck
// SAFE CWE-798 look-alike: the DB password is fetched from AWS Secrets Manager at runtime (only its id is in code).
const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const { Pool } = require('pg');

const secrets = new SecretsManagerClient({});
let pool;

async function getPool() {
  if (pool) return pool;
  const { SecretString } = await secrets.send(
    new GetSecretValueCommand({ SecretId: 'prod/orders/db-password' }),
  );
  const { username, password, host } = JSON.parse(SecretString);
  pool = new Pool({ user: username, password, host, database: 'orders' });
  return pool;
}

module.exports = { getPool };
