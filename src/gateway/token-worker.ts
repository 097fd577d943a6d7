/**
 * Counts tokens for metering estimates on a worker thread. Building the o200k_base
 * encoding (gpt-tokenizer) takes ~0.5 s of CPU; done on the main thread, the first cut
 * stream a server meters would stall every request in flight for that long. The
 * worker builds it once, off the event loop, and answers batches of counts.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const resolve = createRequire(import.meta.url).resolve;

/** Plain CommonJS (eval): no loader or build step needed, from source or from dist. */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const encoding = require(workerData.encoding);
const asText = { disallowedSpecial: new Set() };
parentPort.on('message', ({ id, texts }) => {
  parentPort.postMessage({ id, counts: texts.map((text) => encoding.countTokens(text, asText)) });
});
`;

type Pending = { resolve: (counts: number[]) => void; reject: (error: Error) => void };

/** An idle worker is stopped after this long: its encoder holds tens of MB. */
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
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: {
        encoding: resolve('gpt-tokenizer/encoding/o200k_base'),
      },
    });
    worker.unref();
    worker.on('message', ({ id, counts }: { id: number; counts: number[] }) => {
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
