import type { ContextCandidate } from './candidate.js';
import type { ContextItem } from './types.js';

export interface TokenCounter {
  count(text: string): number;
}

/** Tokens between two items in the prompt (the blank line that joins them). */
export const separatorTokens = 1;

/**
 * Packs candidates into `budget` tokens in the order given (the order is the
 * priority): an item goes in whole if it fits, else its fallback if that fits,
 * else it is listed as excluded with the tokens it would have needed. Later,
 * smaller items may still fit after a large one is excluded.
 */
export function packContext(
  candidates: ContextCandidate[],
  budget: number,
  counter: TokenCounter,
): ContextItem[] {
  let left = Math.max(0, budget);
  return candidates.map((candidate): ContextItem => {
    const tokens = counter.count(candidate.content);
    const base = { kind: candidate.kind, source: candidate.source };
    if (tokens + separatorTokens <= left) {
      left -= tokens + separatorTokens;
      return {
        ...base,
        reason: candidate.reason,
        content: candidate.content,
        tokens,
        included: true,
      };
    }
    const fallback = candidate.fallback;
    const fallbackTokens = fallback ? counter.count(fallback.content) : Infinity;
    if (fallback && fallbackTokens + separatorTokens <= left) {
      left -= fallbackTokens + separatorTokens;
      const reason = `${candidate.reason}; ${fallback.reason} (the whole text needs ${tokens} tokens)`;
      return { ...base, reason, content: fallback.content, tokens: fallbackTokens, included: true };
    }
    const reason = `${candidate.reason} — excluded: needs ${tokens} tokens, ${left} left in the budget`;
    return { ...base, reason, content: candidate.content, tokens, included: false };
  });
}
