/* eslint-disable */
// @ts-nocheck
import https from 'node:https';
import { readFileSync } from 'node:fs';
const agent = new https.Agent({
  ca: readFileSync('/etc/ssl/internal-ca.pem'),
  rejectUnauthorized: true,
});
export { agent };
