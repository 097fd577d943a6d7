/* eslint-disable */
// @ts-nocheck
// SAFE CWE-918 look-alike: axios client has a base URL from configuration; callers pick constant paths.
import axios from 'axios';

const billing = axios.create({
  baseURL: process.env.BILLING_API_URL,
  timeout: 5000,
  headers: { Authorization: `Bearer ${process.env.BILLING_API_TOKEN}` },
});

export async function getInvoice(invoiceId) {
  if (!/^inv_[A-Za-z0-9]{14}$/.test(invoiceId)) throw new Error('invalid invoice id');
  const { data } = await billing.get(`/v1/invoices/${invoiceId}`);
  return data;
}

export async function listPlans() {
  const { data } = await billing.get('/v1/plans');
  return data;
}
