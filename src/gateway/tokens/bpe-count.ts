import type { RankTable } from './rank-table.js';

const none = 0x7fffffff;

/**
 * How many tokens byte-pair encoding makes of `bytes[0, length)`: tiktoken's merge
 * (the lowest-ranked adjacent pair first, ties to the left), counting the parts
 * instead of naming them. Works in the scratch arrays it is given (length + 1 each).
 */
export function mergeCount(
  table: RankTable,
  bytes: Uint8Array,
  length: number,
  scratch: { starts: Int32Array; ranks: Int32Array },
): number {
  const { starts, ranks } = scratch;
  let parts = length + 1;
  const rankAt = (i: number): number => {
    if (i + 2 >= parts) return none;
    const rank = table.rankOf(bytes, starts[i] as number, starts[i + 2] as number);
    return rank < 0 ? none : rank;
  };
  for (let i = 0; i < parts; i++) starts[i] = i;
  for (let i = 0; i < parts; i++) ranks[i] = rankAt(i);
  while (parts > 1) {
    let lowest = none;
    let at = -1;
    for (let i = 0; i < parts - 1; i++) {
      if ((ranks[i] as number) < lowest) {
        lowest = ranks[i] as number;
        at = i;
      }
    }
    if (at < 0) break;
    starts.copyWithin(at + 1, at + 2, parts);
    ranks.copyWithin(at, at + 1, parts);
    parts--;
    ranks[at] = rankAt(at);
    if (at > 0) ranks[at - 1] = rankAt(at - 1);
  }
  return parts - 1;
}
