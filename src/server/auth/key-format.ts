/**
 * API key format: `sg-` + 32 random bytes in base64url (43 characters). Stored
 * as the SHA-256 hex of the whole key, with a short display prefix. See
 * docs/adr/0005-api-keys-sha256-and-roles.md for why a fast hash is right here.
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

export const KEY_PREFIX = 'sg-';
const KEY_PATTERN = /^sg-[A-Za-z0-9_-]{43}$/;
/** `sg-` and the first 8 key characters: enough to tell keys apart, useless to an attacker. */
const DISPLAY_LENGTH = KEY_PREFIX.length + 8;

export function generateApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function isWellFormedKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** One-shot `crypto.hash`: no Hash object per request (the key is hashed on every call). */
export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

export function displayPrefix(key: string): string {
  return key.slice(0, DISPLAY_LENGTH);
}

/** Constant-time equality of two hex digests (false when the lengths differ). */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

export type PresentedKey = { kind: 'none' } | { kind: 'key'; key: string } | { kind: 'malformed' };

/**
 * The key a request presents: `Authorization: Bearer sg-…` (OpenAI SDKs) or
 * `x-api-key: sg-…` (Anthropic SDKs). Authorization wins when both are sent.
 */
export function presentedKey(authorization: string | undefined, xApiKey?: string): PresentedKey {
  const auth = authorization?.trim();
  if (auth !== undefined && auth !== '') {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    const key = match?.[1];
    return key !== undefined && isWellFormedKey(key) ? { kind: 'key', key } : { kind: 'malformed' };
  }
  const header = xApiKey?.trim();
  if (header !== undefined && header !== '') {
    return isWellFormedKey(header) ? { kind: 'key', key: header } : { kind: 'malformed' };
  }
  return { kind: 'none' };
}
