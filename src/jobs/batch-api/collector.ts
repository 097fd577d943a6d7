/**
 * Groups calls to the same provider model that arrive within `collectMs` into one
 * provider batch (at most `maxRequests`), submits it, polls it every `pollMs`
 * until it ended or `deadlineMs` passed, and hands each waiter its own result.
 * A waiter whose signal aborts leaves at once; when every waiter of a submitted
 * batch has left (the jobs were cancelled), the provider batch is cancelled too.
 */
import { randomBytes } from 'node:crypto';
import { toShipgateError } from '../../errors.js';
import type { ModelRequest } from '../../gateway/types.js';
import type { BatchBackend, BatchItemResult, BatchResults } from './types.js';

export type CollectedResult = BatchItemResult | { type: 'timeout' };

export interface CollectorSettings {
  pollMs: number;
  deadlineMs: number;
  collectMs: number;
  maxRequests: number;
}

/** Told the provider batch id and custom id once the call's batch is submitted. */
export type OnSubmitted = (batchId: string, customId: string) => Promise<void>;

interface Waiter {
  customId: string;
  request: ModelRequest;
  gone: boolean;
  onSubmitted?: OnSubmitted;
  settle(result: CollectedResult): void;
  fail(error: unknown): void;
}

interface Group {
  backend: BatchBackend;
  modelId: string;
  waiters: Waiter[];
  timer?: NodeJS.Timeout;
  /** Submitted (or being submitted): no more waiters join. */
  flushed: boolean;
  /** Aborted when every waiter of the flushed group has left. */
  controller: AbortController;
}

export interface CollectorEvents {
  /** A provider batch was submitted / cancelled (tests, logs). */
  onSubmitted?(id: string, size: number): void;
  onCancelled?(id: string): void;
  onError?(error: unknown): void;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class BatchCollector {
  readonly #open = new Map<string, Group>();
  readonly #resumed = new Map<string, Promise<BatchResults | 'timeout'>>();
  #sequence = 0;
  readonly #salt = randomBytes(4).toString('hex');

  constructor(
    private readonly settings: CollectorSettings,
    private readonly events: CollectorEvents = {},
  ) {}

  /** Resolves with this request's result in the provider batch; rejects on abort or a failed submission. */
  add(
    key: string,
    backend: BatchBackend,
    modelId: string,
    request: ModelRequest,
    signal?: AbortSignal,
    onSubmitted?: OnSubmitted,
  ): Promise<CollectedResult> {
    signal?.throwIfAborted();
    let group = this.#open.get(key);
    if (!group) {
      group = { backend, modelId, waiters: [], flushed: false, controller: new AbortController() };
      this.#open.set(key, group);
      const opened = group;
      opened.timer = setTimeout(() => this.#flush(key, opened), this.settings.collectMs);
    }
    const current = group;
    return new Promise<CollectedResult>((resolve, reject) => {
      const onAbort = () => {
        waiter.gone = true;
        reject(signal?.reason);
        // before the flush the waiter just drops out; after it, the last one out cancels
        if (current.flushed && current.waiters.every((w) => w.gone)) current.controller.abort();
      };
      const waiter: Waiter = {
        customId: `sg-${this.#salt}-${(this.#sequence += 1)}`,
        request,
        gone: false,
        onSubmitted,
        settle: (result) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(result);
        },
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      current.waiters.push(waiter);
      if (current.waiters.length >= this.settings.maxRequests) this.#flush(key, current);
    });
  }

  #flush(key: string, group: Group): void {
    clearTimeout(group.timer);
    group.flushed = true;
    if (this.#open.get(key) === group) this.#open.delete(key);
    group.waiters = group.waiters.filter((w) => !w.gone);
    if (group.waiters.length === 0) return;
    this.#run(group).catch((error: unknown) => {
      for (const w of group.waiters) w.fail(error);
    });
  }

  async #run(group: Group): Promise<void> {
    const { backend, controller } = group;
    const requests = group.waiters.map((w) => ({
      customId: w.customId,
      modelId: group.modelId,
      request: w.request,
    }));
    const id = await backend.submit(requests);
    this.events.onSubmitted?.(id, requests.length);
    await Promise.all(
      group.waiters.map((w) =>
        w.onSubmitted?.(id, w.customId).catch((error: unknown) => this.events.onError?.(error)),
      ),
    );
    const deadline = Date.now() + this.settings.deadlineMs;
    const ended = await this.#untilEnded(backend, id, deadline, controller.signal, false);
    if (ended === 'aborted') return this.#cancel(backend, id);
    if (ended === 'timeout') {
      await this.#cancel(backend, id);
      for (const w of group.waiters) w.settle({ type: 'timeout' });
      return;
    }
    const { items, missing } = await this.#results(backend, id, deadline, controller.signal);
    for (const w of group.waiters) w.settle(items.get(w.customId) ?? missing);
  }

  /**
   * Follows a batch submitted earlier (by a worker that died while its calls waited):
   * polls it to the end and answers this custom id, without submitting anything. Calls
   * resuming the same batch share one poll. Rejects when the provider no longer knows
   * the batch (a non-retryable status error), so the caller can submit afresh.
   */
  resume(
    backend: BatchBackend,
    batchId: string,
    customId: string,
    submittedAt: number,
    signal?: AbortSignal,
  ): Promise<CollectedResult> {
    signal?.throwIfAborted();
    let shared = this.#resumed.get(batchId);
    if (!shared) {
      const followed = this.#follow(backend, batchId, submittedAt + this.settings.deadlineMs);
      shared = followed.finally(() => this.#resumed.delete(batchId));
      this.#resumed.set(batchId, shared);
    }
    const answer = shared.then((results) =>
      results === 'timeout'
        ? { type: 'timeout' as const }
        : (results.items.get(customId) ?? results.missing),
    );
    return signal ? raceAbort(answer, signal) : answer;
  }

  async #follow(backend: BatchBackend, id: string, deadline: number) {
    const never = new AbortController().signal;
    const ended = await this.#untilEnded(backend, id, deadline, never, true);
    if (ended !== 'ended') {
      await this.#cancel(backend, id);
      return 'timeout' as const;
    }
    return this.#results(backend, id, deadline, never);
  }

  /** Polls until the batch ended, the deadline passed or the signal aborted. */
  async #untilEnded(
    backend: BatchBackend,
    id: string,
    deadline: number,
    signal: AbortSignal,
    strict: boolean,
  ): Promise<'ended' | 'timeout' | 'aborted'> {
    for (;;) {
      if (signal.aborted) return 'aborted';
      if (Date.now() >= deadline) return 'timeout';
      const status = await backend.status(id).catch((error: unknown) => {
        // a batch the provider does not know (any more) cannot be followed
        if (strict && !toShipgateError(error).isRetryable) throw error;
        this.events.onError?.(error); // a failed poll is tried again at the next tick
        return null;
      });
      if (status?.ended) return 'ended';
      await wait(Math.min(this.settings.pollMs, Math.max(0, deadline - Date.now())), signal);
    }
  }

  /** Reads an ended batch's results; a retryable failure is tried again (the batch is paid for). */
  async #results(backend: BatchBackend, id: string, deadline: number, signal: AbortSignal) {
    for (;;) {
      signal.throwIfAborted();
      try {
        return await backend.results(id);
      } catch (error) {
        if (!toShipgateError(error).isRetryable || Date.now() >= deadline) throw error;
        this.events.onError?.(error);
        await wait(this.settings.pollMs, signal);
      }
    }
  }

  async #cancel(backend: BatchBackend, id: string): Promise<void> {
    await backend.cancel(id).then(
      () => this.events.onCancelled?.(id),
      (error: unknown) => this.events.onError?.(error),
    );
  }
}
