import type { Worker } from 'node:worker_threads';
import { siblingModule, startModuleWorker } from '../lib/module-worker.js';
import type {
  TypecheckRequest,
  TypecheckResponse,
  TypecheckWorkerData,
} from './typecheck-protocol.js';
import type { Finding, SourceFile, Trust } from './types.js';

/** The worker's entry: the .ts file from source (tsx, vitest), the .js from dist. */
function startWorker(workerData: TypecheckWorkerData): Worker {
  return startModuleWorker(siblingModule(import.meta.url, 'typecheck-worker'), { workerData });
}

interface Job {
  request: TypecheckRequest;
  resolve: (findings: Finding[]) => void;
  reject: (error: Error) => void;
}

export interface TypecheckClient {
  check(
    input: { root: string; files: SourceFile[]; suggestions: boolean; trust?: Trust },
    signal?: AbortSignal,
  ): Promise<Finding[]>;
  prewarm(root: string, trust?: Trust): void;
  /** True when the worker died before its first answer (it cannot start here). */
  unavailable(): boolean;
  /** Stops the worker; queued checks are rejected. */
  close(): Promise<void>;
}

function cancelled(): Error {
  return new Error('typecheck was cancelled');
}

/**
 * Talks to one typecheck worker, one check at a time; the others wait in a queue on this
 * side. A cancelled (or timed-out) check that is still queued is just dropped; only the
 * one the worker is running costs a worker restart — other requests' checks are kept.
 */
export function createTypecheckClient(workerData: TypecheckWorkerData = {}): TypecheckClient {
  let worker: Worker | undefined;
  let answered = false;
  let broken = false;
  let nextId = 0;
  let running: Job | undefined;
  const queue: Job[] = [];

  const pump = (): void => {
    if (running) return;
    running = queue.shift();
    if (!running) {
      worker?.unref();
      return;
    }
    worker ??= start();
    worker.ref();
    worker.postMessage(running.request);
  };
  const settle = (outcome: { findings: Finding[] } | { error: Error }): void => {
    const job = running;
    running = undefined;
    if (!job) return pump();
    if ('error' in outcome) job.reject(outcome.error);
    else job.resolve(outcome.findings);
    pump();
  };
  const died = (started: Worker, error: Error): void => {
    if (worker !== started) return;
    worker = undefined;
    if (!answered) {
      broken = true;
      for (const job of queue.splice(0)) job.reject(error);
    }
    settle({ error });
  };
  function start(): Worker {
    const started = startWorker(workerData);
    started.on('message', (response: TypecheckResponse) => {
      answered = true;
      if (response.id !== running?.request.id) return;
      settle('error' in response ? { error: new Error(response.error) } : response);
    });
    started.on('error', (error) => died(started, error));
    started.on('exit', (code) =>
      died(started, new Error(`the typecheck worker exited (code ${code})`)),
    );
    return started;
  }
  const cancel = (job: Job): void => {
    const at = queue.indexOf(job);
    if (at >= 0) {
      queue.splice(at, 1);
      job.reject(cancelled());
    } else if (running === job) {
      const current = worker;
      worker = undefined;
      void current?.terminate();
      settle({ error: cancelled() });
    }
  };
  const enqueue = (request: TypecheckRequest, signal?: AbortSignal): Promise<Finding[]> =>
    new Promise<Finding[]>((resolve, reject) => {
      const job: Job = { request, resolve, reject };
      if (signal?.aborted) return reject(cancelled());
      signal?.addEventListener('abort', () => cancel(job), { once: true });
      queue.push(job);
      pump();
    });

  return {
    unavailable: () => broken,
    async close() {
      const current = worker;
      worker = undefined;
      for (const job of queue.splice(0)) job.reject(cancelled());
      settle({ error: cancelled() });
      await current?.terminate();
    },
    prewarm(root, trust) {
      // Posted past the queue: the worker takes messages in order, so a check sent while
      // this runs starts right after it, without waiting for the main thread (busy with
      // the other gates) to hear that the prewarm is done. Its answer matches no job.
      if (broken) return;
      worker ??= start();
      worker.postMessage({
        id: ++nextId,
        root,
        files: [],
        suggestions: false,
        prewarm: true,
        trust,
      });
      if (!running) worker.unref();
    },
    check: (input, signal) => enqueue({ id: ++nextId, ...input }, signal),
  };
}
