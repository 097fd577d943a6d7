/**
 * Where the audit log's batches go: on a SQLite file, the store's writer thread
 * (audit-ops.ts) so hashing and a slow or locked database stay off
 * the event loop, in call order with the usage writes; otherwise (Postgres,
 * `:memory:`) append-rows.ts on the store's own connection.
 */
import { siblingModule } from '../lib/module-worker.js';
import type { Store } from '../store/store.js';
import { appendRows } from './append-rows.js';
import type { AuditWriteRow } from './audit-ops.js';

export type AuditWriter = (rows: AuditWriteRow[]) => Promise<void>;

export const auditOps = siblingModule(import.meta.url, 'audit-ops');

export function auditWriter(store: Pick<Store, 'db' | 'kind' | 'background'>): AuditWriter {
  const background = store.background;
  if (background) {
    return (rows) => background.call(auditOps, 'audit.append', rows);
  }
  return (rows) => appendRows(store.db, store.kind, rows);
}
