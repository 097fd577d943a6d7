/**
 * Counts tokens for metering estimates on a worker thread. Building o200k_base takes
 * ~0.15 s of CPU and counting a long prompt tens of ms: on the main thread, the first
 * cut stream a server meters would stall every request in flight. The worker builds
 * it once, off the event loop, and answers batches of counts.
 */
import type { Worker } from 'node:worker_threads';
import { siblingModule, startModuleWorker } from '../lib/module-worker.js';
import type { CountReply } from './tokens/count-worker.js';

const entry = siblingModule(import.meta.url, 'tokens/count-worker');

type Pending = { resolve: (counts: number[]) => void; reject: (error: Error) => void };

/** An idle worker is stopped after this long: the thread and its table hold ~20 MB. */
const idleMs = 30_000;

/** Batched token counts on one lazily started, unref'd worker thread, stopped when idle. */
export class TokenWorker {
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, Pending>();
  #idle: NodeJS.Timeout | undefined;

  #armIdle(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => {
      if (this.#pending.size === 0) void this.close();
    }, idleMs);
    this.#idle.unref();
  }

  #start(): Worker {
    // a small young generation: counting allocates little, and each MB is resident
    const worker = startModuleWorker(entry, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    worker.unref();
    worker.on('message', ({ id, counts }: CountReply) => {
      this.#pending.get(id)?.resolve(counts);
      this.#pending.delete(id);
      this.#armIdle();
    });
    const fail = (error: Error): void => {
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
      this.#worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', () => {
      if (this.#worker === worker) fail(new Error('the token counting worker exited'));
    });
    return worker;
  }

  count(texts: string[]): Promise<number[]> {
    this.#worker ??= this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker?.postMessage({ id, texts });
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }
}
