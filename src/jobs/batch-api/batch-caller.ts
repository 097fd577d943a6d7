/**
 * The model caller of `priority: "batch"` work (ADR 0029): a call whose first
 * candidate model is served by a provider with a batch API goes into a provider
 * batch (collector.ts) and is metered at the batch discount; any other call — a
 * provider without one, egress rules or request redaction configured — goes
 * through the gateway as usual. A provider that answers the submission 404, 405
 * or 501 has no batch API after all: the call runs now. With `onTimeout: run-now`,
 * a batch that cannot deliver (expired, past the deadline, a retryable failure of the
 * submission or of the item) runs the call now too, so the gateway's retries and
 * model fallbacks apply; with `fail` the attempt fails.
 */
import { randomUUID } from 'node:crypto';
import { ErrorCode, ShipgateError, toShipgateError } from '../../errors.js';
import type { GatewayResult } from '../../gateway/call-result.js';
import { TokenEstimator } from '../../gateway/estimate.js';
import type { AttemptRecord } from '../../gateway/router/attempt.js';
import type { ModelRequest, ModelSpec, TaskClass, Usage } from '../../gateway/types.js';
import type { UsageRecord } from '../../gateway/usage-record.js';
import type { ModelCaller } from '../../generate/types.js';
import { batchCostMicros } from './batch-cost.js';
import { batchRequestHash, type BatchCallLedger } from './call-ledger.js';
import {
  BatchCollector,
  type CollectedResult,
  type OnSubmitted,
  type CollectorEvents,
  type CollectorSettings,
} from './collector.js';
import type { BatchBackend } from './types.js';

export interface BatchCallerSettings extends CollectorSettings {
  discount: number;
  onTimeout: 'run-now' | 'fail';
}

export interface BatchCallerDeps {
  gateway: ModelCaller & {
    registry: { candidates(task: TaskClass, model?: string): ModelSpec[] };
    meter: { record(record: UsageRecord): void };
  };
  /** Batch backends by provider name; a provider without one runs its calls now. */
  backends: ReadonlyMap<string, BatchBackend>;
  settings: BatchCallerSettings;
  events?: CollectorEvents;
  /** Where a job's waiting calls are written down, so a re-run follows their batch. */
  ledger?: BatchCallLedger;
}

/**
 * The batch caller. `forJob` ties calls to a job: a re-run after a crash follows the
 * batch already paid for (ledger), and `lendSlot` frees the job's worker slot while
 * its call waits (collecting, then in the provider batch; JobContext.lendSlot).
 */
export interface BatchCaller extends ModelCaller {
  forJob(jobId: string, lendSlot?: () => () => Promise<void>): ModelCaller;
}

/** A job's call: its id, the hash of what it asks, and how it lends its slot out. */
interface JobCall {
  jobId: string;
  requestHash: string;
  lendSlot?: () => () => Promise<void>;
}

const noBatchApi: ReadonlySet<number> = new Set([404, 405, 501]);

function firstCandidate(deps: BatchCallerDeps, request: ModelRequest): ModelSpec | undefined {
  try {
    return deps.gateway.registry.candidates(request.task, request.model)[0];
  } catch {
    return undefined; // the gateway reports an unknown model itself
  }
}

export function createBatchCaller(deps: BatchCallerDeps): BatchCaller {
  const { gateway, settings } = deps;
  const collector = new BatchCollector(settings, deps.events);
  const estimator = new TokenEstimator();

  const record = (
    request: ModelRequest,
    model: ModelSpec,
    startedAt: number,
    status: string,
    usage: Usage | null,
    costMicros: number,
  ): AttemptRecord => {
    const latencyMs = Date.now() - startedAt;
    gateway.meter.record({
      id: randomUUID(),
      startedAt,
      provider: model.provider,
      model: model.alias,
      task: request.task,
      caller: request.caller ?? 'anonymous',
      attempts: 1,
      cacheHit: false,
      status,
      latencyMs,
      ttftMs: status === 'ok' ? latencyMs : null,
      inputTokens: usage?.inputTokens ?? 0,
      outputTokens: usage?.outputTokens ?? 0,
      cachedInputTokens: usage?.cachedInputTokens ?? 0,
      costMicros,
      estimated: usage?.estimated ?? false,
    });
    const outcome = status === 'ok' ? 'ok' : (status as AttemptRecord['outcome']);
    return {
      model: model.alias,
      provider: model.provider,
      startedAt,
      durationMs: latencyMs,
      outcome,
      usage,
    };
  };

  /** A job's call: follows the batch a crashed attempt left in the ledger, else joins a new one. */
  async function collect(
    job: JobCall | undefined,
    model: ModelSpec,
    backend: BatchBackend,
    request: ModelRequest,
    signal: AbortSignal | undefined,
  ): Promise<CollectedResult> {
    const add = (onSubmitted?: OnSubmitted) =>
      collector.add(
        `${model.provider}\u0000${model.modelId}`,
        backend,
        model.modelId,
        request,
        signal,
        onSubmitted,
      );
    const ledger = deps.ledger;
    if (!job) return add();
    const { jobId, requestHash } = job;
    // the job's worker slot is lent out while the call waits (collecting, then in the batch)
    const reclaim = job.lendSlot?.();
    try {
      const entry = ledger && (await ledger.find(jobId, requestHash).catch(() => undefined));
      if (entry?.provider === model.provider) {
        const { batchId, customId, submittedAt } = entry;
        try {
          return await collector.resume(backend, batchId, customId, submittedAt, signal);
        } catch (error) {
          signal?.throwIfAborted();
          deps.events?.onError?.(error); // the provider lost the batch: submit afresh
        }
      }
      return await add(async (batchId, customId) => {
        const entry = { jobId, requestHash, provider: model.provider, batchId, customId };
        await ledger?.record({ ...entry, submittedAt: Date.now() });
      });
    } finally {
      await reclaim?.();
    }
  }

  async function call(
    request: ModelRequest,
    options: { signal?: AbortSignal },
    jobId: string | undefined,
    lendSlot?: () => () => Promise<void>,
  ): Promise<GatewayResult> {
    const model = firstCandidate(deps, request);
    const backend = model ? deps.backends.get(model.provider) : undefined;
    if (!model || !backend) return gateway.generate(request, options);
    const startedAt = Date.now();
    const job = jobId
      ? { jobId, requestHash: batchRequestHash(model.provider, model.modelId, request), lendSlot }
      : undefined;
    let outcome;
    try {
      outcome = await collect(job, model, backend, request, options.signal);
    } catch (error) {
      const failure = toShipgateError(error);
      if (failure.upstreamStatus && noBatchApi.has(failure.upstreamStatus))
        return gateway.generate(request, options);
      // the batch API itself failed (5xx, network): the call runs now, fallbacks and all
      const runNow = failure.isRetryable && settings.onTimeout === 'run-now';
      if (runNow && !options.signal?.aborted) return gateway.generate(request, options);
      throw failure;
    }
    if (job) await deps.ledger?.forget(job.jobId, job.requestHash).catch(() => undefined);
    return answer(request, options, model, startedAt, outcome);
  }

  async function answer(
    request: ModelRequest,
    options: { signal?: AbortSignal },
    model: ModelSpec,
    startedAt: number,
    outcome: CollectedResult,
  ): Promise<GatewayResult> {
    if (outcome.type === 'succeeded') {
      const usage =
        outcome.usage ?? (await estimator.estimateUsageAsync(request.messages, outcome.text));
      const costMicros = batchCostMicros(usage, model.price, settings.discount);
      const attempt = record(request, model, startedAt, 'ok', usage, costMicros);
      const result: GatewayResult = {
        text: outcome.text,
        finishReason: outcome.finishReason,
        model: model.alias,
        provider: model.provider,
        usage,
        attempts: [attempt],
        cache: 'bypass',
        costMicros,
        latencyMs: attempt.durationMs,
        ttftMs: attempt.durationMs,
      };
      return result;
    }
    if (outcome.type === 'errored') {
      record(request, model, startedAt, outcome.error.code, null, 0);
      // an overloaded or failing provider: run now, where the gateway's retries and fallbacks apply
      if (outcome.error.isRetryable && settings.onTimeout === 'run-now')
        return gateway.generate(request, options);
      throw outcome.error;
    }
    if (outcome.type === 'canceled') {
      options.signal?.throwIfAborted();
      throw new ShipgateError(ErrorCode.UpstreamError, 'the provider batch was cancelled', {
        retryable: true,
      });
    }
    // expired at the provider, or past jobs.batchApi.deadlineMs here
    if (settings.onTimeout === 'run-now') return gateway.generate(request, options);
    record(request, model, startedAt, ErrorCode.DeadlineExceeded, null, 0);
    throw new ShipgateError(
      ErrorCode.DeadlineExceeded,
      `the provider batch did not answer in time (${outcome.type}); jobs.batchApi.onTimeout is "fail"`,
    );
  }

  return {
    generate: (request, options = {}) => call(request, options, undefined),
    forJob: (jobId, lendSlot) => ({
      generate: (request, options = {}) => call(request, options, jobId, lendSlot),
    }),
  };
}
