/**
 * A small cache of recent completions. Besides the same request again, it answers
 * a prefix the user typed through: when the new prefix is an old one plus text the
 * old completion started with, the rest of that completion is the answer.
 */
import { LRUCache } from 'lru-cache';

interface Entry {
  prefixLength: number;
  /** The end of the prefix (enough to tell prefixes apart; whole prefixes can be MBs). */
  tail: string;
  completion: string;
  model: string;
}

const tailLength = 2_048;
const perContext = 4;

export interface CacheHit {
  completion: string;
  model: string;
}

export class PrefixCache {
  readonly #lru: LRUCache<string, Entry[]> | null;

  constructor(maxEntries: number) {
    this.#lru = maxEntries > 0 ? new LRUCache({ max: maxEntries }) : null;
  }

  /** `contextKey` covers everything but the prefix (model, suffix window, path, options). */
  get(contextKey: string, prefix: string): CacheHit | undefined {
    const entries = this.#lru?.get(contextKey);
    if (!entries) return undefined;
    for (const e of entries) {
      if (prefix.length < e.prefixLength) continue;
      if (prefix.slice(e.prefixLength - e.tail.length, e.prefixLength) !== e.tail) continue;
      const typed = prefix.slice(e.prefixLength);
      if (typed.length >= e.completion.length || !e.completion.startsWith(typed)) continue;
      return { completion: e.completion.slice(typed.length), model: e.model };
    }
    return undefined;
  }

  set(contextKey: string, prefix: string, completion: string, model: string): void {
    if (!this.#lru || completion === '') return;
    const entry = {
      prefixLength: prefix.length,
      tail: prefix.slice(-tailLength),
      completion,
      model,
    };
    const kept = (this.#lru.get(contextKey) ?? []).filter(
      (e) => e.prefixLength !== entry.prefixLength || e.tail !== entry.tail,
    );
    this.#lru.set(contextKey, [entry, ...kept].slice(0, perContext));
  }
}
