import type { Dispatcher } from 'undici';

/** Bytes queued before the upstream socket is paused (an iterating reader is behind). */
const highWater = 64 * 1024;

interface Waiter {
  resolve(result: IteratorResult<Buffer>): void;
  reject(error: unknown): void;
}

interface Collector {
  cap: number;
  tooLarge: () => Error;
  resolve(bytes: Buffer): void;
  reject(error: unknown): void;
}

/**
 * An upstream response body fed by undici's dispatch handler (upstream-exchange.ts):
 * read it once, either as an async iterator of chunks (a stream: the socket pauses
 * while 64 KB wait unread) or whole with `collect` (one promise, not one per chunk).
 * It replaces undici's `request()` body, a Readable stream whose async iteration
 * cost more CPU per request than the rest of the upstream leg (ADR 0036 addendum).
 */
export class UpstreamBody implements AsyncIterator<Buffer>, AsyncIterable<Buffer> {
  #chunks: Buffer[] = [];
  #queued = 0;
  #size = 0;
  #ended = false;
  #error: unknown = null;
  #waiter: Waiter | null = null;
  #collector: Collector | null = null;
  /** Every chunk that arrived, kept while collecting (what a cut body metered). */
  readonly received: Buffer[] = [];

  /** `controller`: the dispatch's; pausing, resuming and aborting the upstream go through it. */
  constructor(private readonly controller: Dispatcher.DispatchController) {}

  push(chunk: Buffer): void {
    if (this.#ended) return;
    this.#size += chunk.length;
    if (this.#collector) return this.#collect(chunk);
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = null;
      return waiter.resolve({ value: chunk, done: false });
    }
    this.#chunks.push(chunk);
    this.#queued += chunk.length;
    if (this.#queued > highWater) this.controller.pause();
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    const collector = this.#collector;
    if (collector) {
      this.#collector = null;
      collector.resolve(this.#whole());
    }
    const waiter = this.#waiter;
    if (waiter && this.#chunks.length === 0) {
      this.#waiter = null;
      waiter.resolve({ value: undefined, done: true });
    }
  }

  fail(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#error = error;
    this.#chunks = [];
    this.#collector?.reject(error);
    this.#waiter?.reject(error);
    this.#collector = null;
    this.#waiter = null;
  }

  /** Stops reading: aborts the upstream request unless the body already ended. */
  destroy(): void {
    if (!this.#ended) this.#abortWith(new Error('the upstream body was discarded'));
  }

  next(): Promise<IteratorResult<Buffer>> {
    const chunk = this.#chunks.shift();
    if (chunk) {
      this.#queued -= chunk.length;
      if (this.#queued <= highWater / 2 && this.controller.paused) this.controller.resume();
      return Promise.resolve({ value: chunk, done: false });
    }
    if (this.#error !== null) return Promise.reject(this.#error);
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.#waiter = { resolve, reject }));
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    return this;
  }

  /**
   * The whole body, or a rejection when it breaks or passes `cap` bytes; `received`
   * keeps what arrived either way. Call before reading any chunk.
   */
  collect(cap: number, tooLarge: () => Error): Promise<Buffer> {
    if (this.#error !== null) return Promise.reject(this.#error);
    const queued = this.#chunks;
    this.#chunks = [];
    this.#queued = 0;
    this.received.push(...queued);
    if (this.#size > cap) {
      const error = tooLarge();
      this.#abortWith(error);
      return Promise.reject(error);
    }
    if (this.#ended) return Promise.resolve(this.#whole());
    if (this.controller.paused) this.controller.resume();
    return new Promise((resolve, reject) => (this.#collector = { cap, tooLarge, resolve, reject }));
  }

  /** The collected body: the one chunk itself when it came in one (most JSON answers). */
  #whole(): Buffer {
    const { received } = this;
    return received.length === 1 ? (received[0] as Buffer) : Buffer.concat(received, this.#size);
  }

  #collect(chunk: Buffer): void {
    this.received.push(chunk);
    const collector = this.#collector;
    if (collector && this.#size > collector.cap) this.#abortWith(collector.tooLarge());
  }

  /** Fails the body (rejecting a pending read) and aborts the upstream request. */
  #abortWith(error: Error): void {
    if (this.#ended) return;
    this.fail(error);
    this.controller.abort(error);
  }
}
