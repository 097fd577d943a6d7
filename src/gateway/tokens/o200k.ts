import { createRequire } from 'node:module';
import { mergeCount } from './bpe-count.js';
import { heapMergeCount } from './heap-merge.js';
import { loadRankTable, type RankTable } from './rank-table.js';

const load = createRequire(import.meta.url);

/** gpt-tokenizer's o200k pre-tokenizer pattern (the one OpenAI publishes), compiled here. */
function splitPattern(): RegExp {
  const { O200K_TOKEN_SPLIT_REGEX } = load('gpt-tokenizer/encodingParams/constants') as {
    O200K_TOKEN_SPLIT_REGEX: RegExp;
  };
  return new RegExp(O200K_TOKEN_SPLIT_REGEX.source, 'gu');
}

export type CountTokens = (text: string) => number;

/** Pieces longer than this (bytes) are merged with a heap: the scan is quadratic. */
const longPiece = 256;

/**
 * A token counter over a rank table: the text is split by the o200k pattern, each
 * piece UTF-8 encoded into a reused buffer, looked up whole, else merged. Special-token
 * text (`<|endoftext|>`) counts as the text it is. Equal, count for count, to
 * gpt-tokenizer's `countTokens(text, { disallowedSpecial: new Set() })` (tested), but for
 * a byte-order mark, counted by its bytes as tiktoken does (ADR 0035).
 */
export function createCounter(table: RankTable): CountTokens {
  const split = splitPattern();
  const encoder = new TextEncoder();
  let bytes = new Uint8Array(256);
  // the scan only merges pieces up to `longPiece` bytes, so its scratch never grows
  const scratch = { starts: new Int32Array(longPiece + 1), ranks: new Int32Array(longPiece + 1) };
  return (text) => {
    let count = 0;
    split.lastIndex = 0;
    for (let match = split.exec(text); match; match = split.exec(text)) {
      const piece = match[0];
      if (piece.length === 0) {
        split.lastIndex++;
        continue;
      }
      if (bytes.length < piece.length * 3) bytes = new Uint8Array(piece.length * 3);
      const { written } = encoder.encodeInto(piece, bytes);
      if (table.rankOf(bytes, 0, written) >= 0) {
        count++;
        continue;
      }
      if (written > longPiece) {
        count += heapMergeCount(table, bytes, written);
        continue;
      }
      count += mergeCount(table, bytes, written, scratch);
    }
    return count;
  };
}

let counter: CountTokens | undefined;

/** o200k_base, built on first use, once per thread (~5 MB; ADR 0035). */
export function o200kCounter(): CountTokens {
  counter ??= createCounter(loadRankTable(load.resolve('gpt-tokenizer/data/o200k_base.tiktoken')));
  return counter;
}
