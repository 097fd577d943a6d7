/** A test ops module for the writer thread: reads a pragma of its connection. */
import type BetterSqlite3 from 'better-sqlite3';
import { siblingModule } from '../../lib/module-worker.js';

export const pragmaOps = siblingModule(import.meta.url, 'pragma-ops');

export function createOps(db: BetterSqlite3.Database): Record<string, (name: unknown) => unknown> {
  return { pragma: (name) => db.pragma(String(name), { simple: true }) };
}
