/* eslint-disable */
// @ts-nocheck
// SAFE CWE-295 look-alike: a private CA bundle is trusted and certificate verification stays on.
import axios from 'axios';
import fs from 'node:fs';
import https from 'node:https';

const httpsAgent = new https.Agent({
  ca: fs.readFileSync(process.env.PARTNER_CA_PATH ?? '/etc/ssl/partner-ca.pem'),
  rejectUnauthorized: true,
  minVersion: 'TLSv1.2',
});

export const paymentsClient = axios.create({
  baseURL: 'https://payments.partner-bank.com/api',
  httpsAgent,
  timeout: 10_000,
});
