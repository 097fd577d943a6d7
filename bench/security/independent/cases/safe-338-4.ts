/* eslint-disable */
// @ts-nocheck
// SAFE CWE-338 look-alike: reset tokens use crypto.randomBytes; Math.random only adds retry jitter.
import { randomBytes } from 'node:crypto';

export function generateResetToken(): string {
  return randomBytes(32).toString('hex');
}

export async function withRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      lastError = err;
      const backoff = 2 ** i * 100 + Math.floor(Math.random() * 100);
      await new Promise((r) => setTimeout(r, backoff));
    }
  }
  throw lastError;
}
