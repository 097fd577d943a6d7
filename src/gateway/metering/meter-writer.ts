import type { UsageRecord } from '../usage-record.js';
import { RecordSlots } from './record-slots.js';

export interface UsageSink {
  /** Must not keep `records` once its promise settles: their objects are reused (record-slots.ts). */
  insertMany(records: UsageRecord[]): Promise<void>;
}

export interface MeterWriterOptions {
  /** Records held while the sink is slow or down; past this, new records are dropped. */
  queueSize: number;
  batchSize: number;
  flushIntervalMs: number;
  /** A write slower than this is abandoned (its batch re-queued, within the bound). */
  writeTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

export interface MeterStats {
  queued: number;
  written: number;
  dropped: number;
  writeFailures: number;
}

/**
 * Asynchronous, bounded usage writer. `record()` is O(1) and never waits on the
 * store, so a slow or stopped database cannot slow or fail a request, and memory
 * stays bounded: past `queueSize` records are dropped, and the drops are counted.
 */
export class MeterWriter {
  #queue: UsageRecord[] = [];
  #flushing: Promise<void> | null = null;
  readonly #held = new Set<Promise<unknown>>();
  readonly #timer: NodeJS.Timeout;
  readonly #stats: MeterStats = { queued: 0, written: 0, dropped: 0, writeFailures: 0 };
  readonly #slots: RecordSlots;

  constructor(
    private readonly sink: UsageSink | null,
    private readonly options: MeterWriterOptions,
  ) {
    this.#slots = new RecordSlots(options.queueSize);
    this.#timer = setInterval(() => void this.flush(), options.flushIntervalMs);
    this.#timer.unref();
  }

  record(record: UsageRecord): void {
    if (!this.sink) return;
    if (this.#queue.length >= this.options.queueSize) {
      this.#stats.dropped += 1;
      return;
    }
    this.#queue.push(this.#slots.copy(record));
    if (this.#queue.length >= this.options.batchSize && !this.#flushing) void this.flush();
  }

  stats(): MeterStats {
    const { written, dropped, writeFailures } = this.#stats;
    return { queued: this.#queue.length, written, dropped, writeFailures };
  }

  /** Work that will record soon (a token count on the worker); `flush` waits for it. */
  hold(pending: Promise<unknown>): void {
    this.#held.add(pending);
    void pending.then(
      () => this.#held.delete(pending),
      () => this.#held.delete(pending),
    );
  }

  /** Writes queued records in batches; one flush at a time. */
  flush(): Promise<void> {
    if (this.#held.size > 0) return Promise.allSettled([...this.#held]).then(() => this.flush());
    this.#flushing ??= this.#drain().finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  async #drain(): Promise<void> {
    while (this.sink && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.options.batchSize);
      try {
        await this.#write(batch);
        this.#stats.written += batch.length;
        this.#slots.release(batch);
      } catch (error) {
        this.#stats.writeFailures += 1;
        this.options.onError?.(error);
        this.#requeue(batch);
        return;
      }
    }
  }

  #write(batch: UsageRecord[]): Promise<void> {
    const timeoutMs = this.options.writeTimeoutMs ?? 5_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`usage write took over ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return Promise.race([this.sink!.insertMany(batch), timeout]).finally(() => clearTimeout(timer));
  }

  /** Puts a failed batch back in front, dropping (and counting) what exceeds the bound. */
  #requeue(batch: UsageRecord[]): void {
    const room = Math.max(0, this.options.queueSize - this.#queue.length);
    const kept = batch.slice(0, room);
    this.#stats.dropped += batch.length - kept.length;
    this.#queue = kept.concat(this.#queue);
  }

  /** Stops the timer and makes a last attempt to write what is queued. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
