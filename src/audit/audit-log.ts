/**
 * The append-only, hash-chained audit log. `append` is synchronous and O(1):
 * entries go to a bounded in-memory queue (past its size they are dropped and
 * counted) and a background writer stores them in order, in batches, each batch
 * under the chain's write lock (append-rows.ts). A failed write keeps its
 * entries and is retried after `retryDelayMs`.
 */
import type { Store } from '../store/store.js';
import { appendRows, type UnsequencedRow } from './append-rows.js';
import { canonicalJson } from './canonical-json.js';
import { detailOf, type AuditAppend, type AuditEntry, type AuditQuery } from './audit-entry.js';
import { listEntries } from './list-entries.js';
import { verifyChain, type VerifyResult } from './verify-chain.js';

export interface AuditLogOptions {
  store: Pick<Store, 'db' | 'kind'>;
  /** Store prompt bodies (after `redact`). Default off: only their hash is kept. */
  includePrompts: boolean;
  /** Masks secrets in a prompt body before it is stored. Default: shipgate's secret redactor. */
  redact?: (text: string) => string | Promise<string>;
  clock?: { now(): number };
  /** Entries held while the store is slow or down. Default 10,000. */
  queueSize?: number;
  /** Rows written per transaction. Default 200. */
  batchSize?: number;
  /** Wait before retrying a failed write. Default 1000 ms. */
  retryDelayMs?: number;
  onError?: (error: unknown) => void;
}

export interface AuditStats {
  queued: number;
  written: number;
  dropped: number;
  writeFailures: number;
}

export interface AuditLog {
  append(entry: AuditAppend): void;
  list(query?: AuditQuery): Promise<AuditEntry[]>;
  /** Writes what is queued, then checks the whole chain. */
  verify(): Promise<VerifyResult>;
  /** Resolves when the queue is empty or a write has failed. */
  flush(): Promise<void>;
  stats(): AuditStats;
  /** Flushes and stops retrying. */
  close(): Promise<void>;
}

interface Pending {
  row: Omit<UnsequencedRow, 'detail'>;
  detail: Record<string, unknown>;
  prompt: string | undefined;
}

export function createAuditLog(options: AuditLogOptions): AuditLog {
  return new ChainedAuditLog(options);
}

class ChainedAuditLog implements AuditLog {
  readonly #options: AuditLogOptions;
  readonly #queue: Pending[] = [];
  readonly #stats: AuditStats = { queued: 0, written: 0, dropped: 0, writeFailures: 0 };
  #flushing: Promise<void> | null = null;
  #retry: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(options: AuditLogOptions) {
    this.#options = options;
  }

  append(entry: AuditAppend): void {
    if (this.#queue.length >= (this.#options.queueSize ?? 10_000)) {
      this.#stats.dropped += 1;
      return;
    }
    this.#queue.push({
      row: {
        at: (this.#options.clock ?? Date).now(),
        actor: entry.actor,
        action: entry.action,
        route: entry.route ?? null,
        model: entry.model ?? null,
      },
      detail: detailOf(entry),
      prompt: this.#options.includePrompts ? entry.prompt : undefined,
    });
    if (this.#retry === null) void this.flush();
  }

  list(query: AuditQuery = {}): Promise<AuditEntry[]> {
    return listEntries(this.#options.store.db, query);
  }

  async verify(): Promise<VerifyResult> {
    await this.flush();
    return verifyChain(this.#options.store.db);
  }

  flush(): Promise<void> {
    this.#flushing ??= Promise.resolve()
      .then(() => this.#drain())
      .finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  stats(): AuditStats {
    return { ...this.#stats, queued: this.#queue.length };
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry !== null) clearTimeout(this.#retry);
    this.#retry = null;
    await this.flush();
  }

  async #drain(): Promise<void> {
    const { store, batchSize = 200 } = this.#options;
    while (this.#queue.length > 0) {
      const batch = this.#queue.slice(0, batchSize);
      try {
        const rows = await Promise.all(batch.map((pending) => this.#toRow(pending)));
        await appendRows(store.db, store.kind, rows);
      } catch (error) {
        this.#stats.writeFailures += 1;
        this.#options.onError?.(error);
        if (!this.#closed)
          this.#retry ??= setTimeout(
            () => this.#onRetry(),
            this.#options.retryDelayMs ?? 1_000,
          ).unref();
        return;
      }
      this.#queue.splice(0, batch.length);
      this.#stats.written += batch.length;
    }
  }

  #onRetry(): void {
    this.#retry = null;
    void this.flush();
  }

  async #toRow(pending: Pending): Promise<UnsequencedRow> {
    const detail = { ...pending.detail };
    if (pending.prompt !== undefined) {
      try {
        detail.prompt = await (this.#options.redact ?? defaultRedact)(pending.prompt);
      } catch {
        detail.promptRedactionFailed = true;
      }
    }
    return { ...pending.row, detail: canonicalJson(detail) };
  }
}

async function defaultRedact(text: string): Promise<string> {
  const { redact } = await import('../secrets/redact.js');
  return (await redact(text)).redacted;
}
