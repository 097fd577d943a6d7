/**
 * The worker side of SqliteWorker: opens the file and answers
 * `{ id, ops, op, payload }` messages one at a time, loading each ops module on
 * its first use (a module's failed import is retried on its next call); op ''
 * only loads the module (SqliteWorker.warm).
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { cacheSizePragma } from '../sqlite-cache.js';

export type Ops = Record<string, (payload: unknown) => unknown>;
/** What an ops module exports: its operations, bound to the worker's connection. */
export type CreateOps = (db: BetterSqlite3.Database) => Ops;

interface Message {
  id: number;
  ops: string;
  op: string;
  payload: unknown;
}

/** Each ops module, imported and bound to `db` on first use. */
function opsLoader(db: BetterSqlite3.Database): (href: string) => Promise<Ops> {
  const modules = new Map<string, Promise<Ops>>();
  return (href) => {
    let ops = modules.get(href);
    if (!ops) {
      ops = (import(href) as Promise<{ createOps: CreateOps }>).then((m) => m.createOps(db));
      ops.catch(() => modules.delete(href));
      modules.set(href, ops);
    }
    return ops;
  };
}

function fail(id: number, error: unknown): void {
  const code = (error as { code?: unknown }).code;
  parentPort?.postMessage({
    id,
    ok: false,
    error: error instanceof Error ? error.message : String(error),
    code: typeof code === 'string' ? code : undefined,
  });
}

interface WriterData {
  path: string;
  busyTimeoutMs: number;
  cacheMb?: number;
}

function serve(data: WriterData): void {
  const db = new BetterSqlite3(data.path);
  db.pragma(`busy_timeout = ${Math.trunc(data.busyTimeoutMs)}`);
  db.pragma('synchronous = NORMAL');
  db.pragma(cacheSizePragma(data.cacheMb));
  const opsOf = opsLoader(db);
  // Messages are handled in order: each waits for the previous one (imports are async).
  let previous: Promise<void> = Promise.resolve();
  parentPort?.on('message', (message: Message) => {
    previous = previous.then(async () => {
      try {
        const ops = await opsOf(message.ops);
        if (message.op === '') return void parentPort?.postMessage({ id: message.id, ok: true });
        const run = ops[message.op];
        if (!run) throw new Error(`unknown SQLite writer operation ${message.op}`);
        parentPort?.postMessage({ id: message.id, ok: true, value: run(message.payload) ?? null });
      } catch (error) {
        fail(message.id, error);
      }
    });
  });
}

serve(workerData as WriterData);
