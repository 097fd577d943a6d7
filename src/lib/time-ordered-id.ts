/**
 * Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then 74
 * random bits. Rows keyed by them are inserted at the right edge of the primary-key
 * B-tree instead of at a random leaf, so a batch of inserts dirties a page or two
 * rather than one page per row, and a large table's inserts stay as cheap as a
 * small one's (ADR 0039). Still unguessable: the random part is randomUUID()'s.
 */
import { randomUUID } from 'node:crypto';

const MAX_MS = 2 ** 48 - 1;

/** A version-7 UUID for the time `nowMs` (default: now). */
export function timeOrderedUuid(nowMs: number = Date.now()): string {
  const ms = Number.isNaN(nowMs) ? Date.now() : Math.min(Math.max(Math.trunc(nowMs), 0), MAX_MS);
  const time = ms.toString(16).padStart(12, '0');
  // randomUUID(): xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx, variant bits already RFC 9562's
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}
