/**
 * Token counting as operations of the store's background thread (the SQLite
 * writer, src/store/background/): where a server already runs that thread, cut
 * streams are counted there instead of on a second worker, which would hold
 * another isolate (~17 MB RSS) next to it (issue 10's peak RSS, ADR 0035).
 */
import { siblingModule } from '../../lib/module-worker.js';
import { o200kCounter } from './o200k.js';

export const countOps = siblingModule(import.meta.url, 'count-ops');

/** What the background thread runs: `count` takes an array of strings. */
export function createOps(): Record<string, (payload: unknown) => number[]> {
  return {
    count(payload) {
      if (!Array.isArray(payload) || !payload.every((t) => typeof t === 'string'))
        throw new TypeError('count needs an array of strings');
      const count = o200kCounter();
      return payload.map((text: string) => count(text));
    },
  };
}
