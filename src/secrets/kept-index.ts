/**
 * The matches merging has kept so far, indexed by text position so that finding the
 * first kept match a candidate overlaps looks only at its neighbours. A plain scan of
 * every kept match made merging quadratic in the number of findings (20,000 findings
 * in 400 KB of hostile text: most of 1.4 s). Positions are grouped in buckets of 256
 * characters; a match is listed in every bucket it spans.
 */
import type { RawMatch } from './types.js';

const BUCKET = 256;

function overlaps(a: RawMatch, b: RawMatch): boolean {
  return a.start < b.end && b.start < a.end;
}

export class KeptIndex {
  /** In the order they were kept. */
  readonly items: RawMatch[] = [];
  readonly #buckets = new Map<number, number[]>();
  readonly #indexOf = new Map<RawMatch, number>();

  add(match: RawMatch): void {
    this.#indexOf.set(match, this.items.length);
    this.items.push(match);
    this.#register(this.items.length - 1, match.start, match.end, null);
  }

  /** The earliest kept match that overlaps `candidate`, or undefined. */
  firstOverlapping(candidate: RawMatch): RawMatch | undefined {
    let best = -1;
    for (let b = bucketOf(candidate.start); b <= bucketOf(candidate.end - 1); b += 1) {
      for (const i of this.#buckets.get(b) ?? []) {
        if ((best === -1 || i < best) && overlaps(this.items[i] as RawMatch, candidate)) best = i;
      }
    }
    return best === -1 ? undefined : this.items[best];
  }

  /** Widens a kept match to [start, end), listing it in the buckets it now reaches. */
  widen(match: RawMatch, start: number, end: number): void {
    const index = this.#indexOf.get(match);
    if (index === undefined) throw new Error('widen: the match was never kept');
    const before = { start: match.start, end: match.end };
    match.start = Math.min(match.start, start);
    match.end = Math.max(match.end, end);
    this.#register(index, match.start, match.end, before);
  }

  #register(
    index: number,
    start: number,
    end: number,
    already: { start: number; end: number } | null,
  ): void {
    for (let b = bucketOf(start); b <= bucketOf(end - 1); b += 1) {
      if (already && b >= bucketOf(already.start) && b <= bucketOf(already.end - 1)) continue;
      const list = this.#buckets.get(b);
      if (list) list.push(index);
      else this.#buckets.set(b, [index]);
    }
  }
}

function bucketOf(position: number): number {
  return Math.floor(position / BUCKET);
}
