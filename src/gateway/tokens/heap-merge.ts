import type { RankTable } from './rank-table.js';

const none = 0x7fffffff;

/** A binary min-heap of numbers (the merge's `rank × (length + 1) + start` keys). */
class MinHeap {
  #keys: Float64Array;
  #size = 0;

  constructor(capacity: number) {
    this.#keys = new Float64Array(Math.max(16, capacity));
  }

  get size(): number {
    return this.#size;
  }

  push(key: number): void {
    if (this.#size === this.#keys.length) {
      const grown = new Float64Array(this.#keys.length * 2);
      grown.set(this.#keys);
      this.#keys = grown;
    }
    const keys = this.#keys;
    let at = this.#size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if ((keys[parent] as number) <= key) break;
      keys[at] = keys[parent] as number;
      at = parent;
    }
    keys[at] = key;
  }

  pop(): number {
    const keys = this.#keys;
    const top = keys[0] as number;
    const last = keys[--this.#size] as number;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.#size) break;
      if (child + 1 < this.#size && (keys[child + 1] as number) < (keys[child] as number)) child++;
      if ((keys[child] as number) >= last) break;
      keys[at] = keys[child] as number;
      at = child;
    }
    keys[at] = last;
    return top;
  }
}

/**
 * The same count as `mergeCount`, for long pieces: the parts are a linked list by start
 * offset and the candidate pairs a heap keyed by (rank, start), so the lowest-ranked pair,
 * leftmost on ties, is found in O(log n) instead of a scan. A client's megabyte of letters
 * with no space is one piece; the scan would take hours on it (ADR 0035).
 */
export function heapMergeCount(table: RankTable, bytes: Uint8Array, length: number): number {
  const next = new Int32Array(length + 1);
  const prev = new Int32Array(length + 1);
  const rank = new Int32Array(length + 1);
  const stride = length + 1;
  for (let i = 0; i <= length; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  const pairRank = (start: number): number => {
    const second = next[start] as number;
    if (second >= length) return none;
    const found = table.rankOf(bytes, start, next[second] as number);
    return found < 0 ? none : found;
  };
  const heap = new MinHeap(length);
  const offer = (start: number): void => {
    rank[start] = pairRank(start);
    if (rank[start] !== none) heap.push((rank[start] as number) * stride + start);
  };
  for (let i = 0; i < length; i++) offer(i);
  let parts = length;
  while (heap.size > 0) {
    const key = heap.pop();
    const start = key % stride;
    if (rank[start] !== (key - start) / stride) continue; // merged away or re-ranked since
    const absorbed = next[start] as number;
    rank[absorbed] = none;
    next[start] = next[absorbed] as number;
    prev[next[absorbed] as number] = start;
    parts--;
    offer(start);
    if (start > 0) offer(prev[start] as number);
  }
  return parts;
}
