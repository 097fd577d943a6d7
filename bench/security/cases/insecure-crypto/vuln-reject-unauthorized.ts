/* eslint-disable */
// @ts-nocheck
import https from 'node:https';
const agent = new https.Agent({ rejectUnauthorized: false });
export const client = axios.create({ httpsAgent: agent });
