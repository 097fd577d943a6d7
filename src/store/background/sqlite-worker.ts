/**
 * A SQLite writer on a worker thread: its own better-sqlite3 connection to the
 * same file (WAL lets the main connection keep reading), running operations from
 * "ops modules" (see sqlite-worker-host.ts) one at a time, in call order. A write
 * waiting on a locked or slow database blocks the worker, never the server's
 * event loop. The worker starts on `warm()` or the first call, keeps the process
 * alive only while a call is pending, and is restarted after a crash.
 */
import type { Worker } from 'node:worker_threads';
import { siblingModule, startModuleWorker } from '../../lib/module-worker.js';

export interface SqliteWorkerOptions {
  /** Absolute path of the SQLite file (not `:memory:`). */
  path: string;
  busyTimeoutMs?: number;
  /** The writer connection's page cache (MB); see ../sqlite-cache.ts. */
  cacheMb?: number;
}

/** What a Store offers writers that must stay off the event loop. */
export interface BackgroundWriter {
  /** Runs `op` of the ops module `ops` (it exports `createOps(db)`) with `payload` (structured-cloned). */
  call<T>(ops: URL, op: string, payload: unknown): Promise<T>;
  /** Starts the thread and loads these ops modules now; resolves once done (never rejects). */
  warm(ops?: readonly URL[]): Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type Reply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string; code?: string };

const host = siblingModule(import.meta.url, 'sqlite-worker-host');

/**
 * Writes allocate little that lives, so a small young generation keeps memory low.
 * At 4 MB (a 4.2 MB new space) the writer's heap peaked at 21-23 MB under
 * bench:gateway-memory's load, against 28 MB at 8 MB. The old generation keeps V8's
 * default limit: an audit batch may carry 200 stored prompts of up to the body limit.
 */
function spawn(workerData: Record<string, unknown>): Worker {
  return startModuleWorker(host, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
}

function toError(reply: { error: string; code?: string }): Error {
  return Object.assign(new Error(reply.error), reply.code ? { code: reply.code } : {});
}

export class SqliteWorker implements BackgroundWriter {
  #worker: Worker | null = null;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed = false;

  constructor(private readonly options: SqliteWorkerOptions) {}

  warm(ops: readonly URL[] = []): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#worker ??= this.#start();
    // op '' only loads the module
    const loads = ops.map((module) => this.call(module, '', null));
    return Promise.all(loads).then(
      () => undefined,
      () => undefined,
    );
  }

  call<T>(ops: URL, op: string, payload: unknown): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('the SQLite writer is closed'));
    const worker = (this.#worker ??= this.#start());
    const id = this.#nextId++;
    if (this.#pending.size === 0) worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, ops: ops.href, op, payload });
    });
  }

  /** Waits for pending calls, then stops the worker. */
  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    if (!worker) return;
    if (this.#pending.size > 0) await new Promise<void>((resolve) => worker.once('idle', resolve));
    this.#worker = null;
    await worker.terminate();
  }

  #start(): Worker {
    const { path, busyTimeoutMs, cacheMb } = this.options;
    const worker = spawn({ path, busyTimeoutMs: busyTimeoutMs ?? 5_000, cacheMb });
    worker.unref();
    worker.on('message', (reply: Reply) => this.#settle(worker, reply));
    const fail = (error: Error): void => this.#crashed(worker, error);
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the SQLite writer exited (${code})`)));
    return worker;
  }

  #settle(worker: Worker, reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    this.#pending.delete(reply.id);
    if (reply.ok) pending?.resolve(reply.value);
    else pending?.reject(toError(reply));
    if (this.#pending.size === 0) {
      worker.unref();
      worker.emit('idle');
    }
  }

  #crashed(worker: Worker, error: Error): void {
    if (this.#worker === worker) this.#worker = null;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    worker.emit('idle');
  }
}
