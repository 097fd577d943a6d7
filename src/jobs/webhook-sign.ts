/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): the secret is
 * `whsec_<base64 key>`, the signature `v1,<base64 HMAC-SHA256(key, "id.timestamp.body")>`.
 * Checked against the `standardwebhooks` reference package in webhook-sign.test.ts.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { ErrorCode, ShipgateError } from '../errors.js';

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

function keyOf(secret: string): Buffer {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0)
    throw new ShipgateError(ErrorCode.ConfigInvalid, 'a webhook secret must be whsec_<base64>');
  return key;
}

export function signWebhook(
  secret: string,
  id: string,
  timestampSec: number,
  body: string,
): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSec}.${body}`).digest();
  return `v1,${mac.toString('base64')}`;
}

export function webhookHeaders(
  secret: string,
  id: string,
  timestampSec: number,
  body: string,
): WebhookHeaders {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSec),
    'webhook-signature': signWebhook(secret, id, timestampSec, body),
  };
}

/** A fresh `whsec_` secret (24 random bytes), for docs and `shipgate init`-style setup. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}
