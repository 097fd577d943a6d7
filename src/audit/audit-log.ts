/**
 * The append-only, hash-chained audit log. `append` is synchronous: it queues the
 * entry (bounded: past its size entries are dropped and counted) as the row the
 * writer takes — its detail as canonical JSON text, with only the prompt's hash —
 * unless prompts are stored, in which case the entry waits for redaction, which is
 * async. The chain hashes and the insert happen in the background writer, which
 * stores queued rows in order, in batches, each batch under the chain's write lock.
 * On a SQLite file the batch runs on a worker thread (audit-writer.ts). A failed
 * write keeps its rows and is retried after `retryDelayMs`.
 *
 * Queued entries wait for their batch, often across a garbage collection of the
 * young generation, so what the queue holds is promoted to the old one: a row (one
 * small object and one string) rather than the entry's objects keeps that small.
 */
import type { Store } from '../store/store.js';
import type { AuditWriteRow } from './audit-ops.js';
import { canonicalJson, type JsonValue } from './canonical-json.js';
import { detailOf, type AuditAppend, type AuditEntry, type AuditQuery } from './audit-entry.js';
import { auditOps, auditWriter, type AuditWriter } from './audit-writer.js';
import { listEntries } from './list-entries.js';
import { verifyChain, type VerifyResult } from './verify-chain.js';

export interface AuditLogOptions {
  store: Pick<Store, 'db' | 'kind' | 'background'>;
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
  /**
   * Batches start at most this often (default 10 ms). An entry appended after a
   * quiet spell is written at once (entries from several logs keep their append
   * order); under load, what arrives within the interval shares one batch (one
   * transaction, one message to the writer thread).
   */
  minFlushIntervalMs?: number;
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

/** An entry whose prompt is stored: redacted (async) when its batch is written. */
interface Pending {
  at: number;
  entry: AuditAppend;
}

type Queued = AuditWriteRow | Pending;

const isPending = (queued: Queued): queued is Pending => 'entry' in queued;

/**
 * The row as the writer takes it: `detail` as canonical JSON, the prompt as its sha256
 * (detailOf), so a queue waiting on a slow or locked store holds a few hundred bytes per
 * entry, whatever the prompts' size. detailOf's value is canonical already (sorted keys,
 * JSON values only), so plain JSON.stringify writes it; with a prompt added, canonicalJson
 * sorts it in.
 */
function rowOf(at: number, entry: AuditAppend, prompt?: Record<string, JsonValue>): AuditWriteRow {
  const detail = prompt
    ? canonicalJson({ ...detailOf(entry), ...prompt })
    : JSON.stringify(detailOf(entry));
  const { actor, action } = entry;
  return { at, actor, action, route: entry.route ?? null, model: entry.model ?? null, detail };
}

export function createAuditLog(options: AuditLogOptions): AuditLog {
  return new ChainedAuditLog(options);
}

class ChainedAuditLog implements AuditLog {
  readonly #options: AuditLogOptions;
  readonly #queue: Queued[] = [];
  readonly #stats: AuditStats = { queued: 0, written: 0, dropped: 0, writeFailures: 0 };
  #flushing: Promise<boolean> | null = null;
  #retry: NodeJS.Timeout | null = null;
  #delay: NodeJS.Timeout | null = null;
  #lastFlushAt = -Infinity;
  #closed = false;

  readonly #write: AuditWriter;

  constructor(options: AuditLogOptions) {
    this.#options = options;
    this.#write = auditWriter(options.store);
    void options.store.background?.warm([auditOps]);
  }

  append(entry: AuditAppend): void {
    if (this.#queue.length >= (this.#options.queueSize ?? 10_000)) {
      this.#stats.dropped += 1;
      return;
    }
    const at = (this.#options.clock ?? Date).now();
    this.#queue.push(this.#options.includePrompts ? { at, entry } : rowOf(at, entry));
    this.#schedule();
  }

  /** A batch now, or once `minFlushIntervalMs` has passed since the last one started. */
  #schedule(): void {
    if (this.#retry !== null || this.#delay !== null || this.#closed) return;
    const wait = this.#lastFlushAt + (this.#options.minFlushIntervalMs ?? 10) - performance.now();
    if (wait <= 0) this.#tick();
    else this.#delay = setTimeout(() => this.#tick(), wait).unref();
  }

  #tick(): void {
    this.#delay = null;
    void (this.#flushing ??= this.#startDrain()).then(() => {
      if (this.#queue.length > 0) this.#schedule();
    });
  }

  list(query: AuditQuery = {}): Promise<AuditEntry[]> {
    return listEntries(this.#options.store.db, query);
  }

  async verify(): Promise<VerifyResult> {
    await this.flush();
    return verifyChain(this.#options.store.db);
  }

  async flush(): Promise<void> {
    for (;;) {
      const ok = await (this.#flushing ??= this.#startDrain());
      if (!ok || this.#queue.length === 0) return;
    }
  }

  #startDrain(): Promise<boolean> {
    this.#lastFlushAt = performance.now();
    return Promise.resolve()
      .then(() => this.#drain())
      .finally(() => (this.#flushing = null));
  }

  stats(): AuditStats {
    const { written, dropped, writeFailures } = this.#stats;
    return { queued: this.#queue.length, written, dropped, writeFailures };
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry !== null) clearTimeout(this.#retry);
    if (this.#delay !== null) clearTimeout(this.#delay);
    this.#retry = null;
    this.#delay = null;
    await this.flush();
  }

  /** Writes what is queued now (later entries wait for the next batch); false on a failure. */
  async #drain(): Promise<boolean> {
    const { batchSize = 200 } = this.#options;
    for (let left = this.#queue.length; left > 0;) {
      const batch = this.#queue.slice(0, Math.min(batchSize, left));
      try {
        const rows = this.#options.includePrompts
          ? await Promise.all(batch.map((queued) => this.#withPrompt(queued)))
          : batch.map((queued) => (isPending(queued) ? rowOf(queued.at, queued.entry) : queued));
        await this.#write(rows);
      } catch (error) {
        this.#stats.writeFailures += 1;
        this.#options.onError?.(error);
        if (!this.#closed)
          this.#retry ??= setTimeout(
            () => this.#onRetry(),
            this.#options.retryDelayMs ?? 1_000,
          ).unref();
        return false;
      }
      this.#queue.splice(0, batch.length);
      this.#stats.written += batch.length;
      left -= batch.length;
    }
    return true;
  }

  #onRetry(): void {
    this.#retry = null;
    void this.flush();
  }

  /** With `includePrompts`: the row plus the redacted prompt (redaction is async). */
  async #withPrompt(queued: Queued): Promise<AuditWriteRow> {
    if (!isPending(queued)) return queued;
    const { at, entry } = queued;
    if (entry.prompt === undefined) return rowOf(at, entry);
    try {
      return rowOf(at, entry, {
        prompt: await (this.#options.redact ?? defaultRedact)(entry.prompt),
      });
    } catch {
      return rowOf(at, entry, { promptRedactionFailed: true });
    }
  }
}

async function defaultRedact(text: string): Promise<string> {
  const { redact } = await import('../secrets/redact.js');
  return (await redact(text)).redacted;
}
