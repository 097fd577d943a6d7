/* eslint-disable */
// @ts-nocheck
// VULN CWE-295: axios client disables TLS certificate verification for the payments API.
import axios from 'axios';
import https from 'node:https';

const httpsAgent = new https.Agent({ rejectUnauthorized: false });

export const paymentsClient = axios.create({
  baseURL: 'https://payments.partner-bank.com/api',
  httpsAgent,
  timeout: 10_000,
});

export async function capturePayment(id: string, amountCents: number) {
  const { data } = await paymentsClient.post(`/payments/${id}/capture`, { amount: amountCents });
  return data;
}
