import { Worker } from 'node:worker_threads';
import type { TypecheckEngine } from './typecheck-engine.js';
import type { TypecheckRequest, TypecheckResponse } from './typecheck-protocol.js';
import type { Finding, Gate, GateResult, SourceFile } from './types.js';

const checked = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;
const declaration = /\.d\.[cm]?ts$/i;

export interface TypecheckGateOptions {
  /** Run the LanguageService in a worker thread (default true); false runs it inline. */
  worker?: boolean;
}

type Check = (root: string, files: SourceFile[], suggestions: boolean) => Promise<Finding[]>;

interface Pending {
  resolve: (findings: Finding[]) => void;
  reject: (error: Error) => void;
}

/** From source (tsx, vitest) the worker is the .ts file and needs the tsx loader. */
function workerEntry(): { url: URL; execArgv: string[] | undefined } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./typecheck-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  return { url, execArgv: fromSource ? ['--import', 'tsx'] : undefined };
}

/**
 * Talks to one typecheck worker. A worker that dies before its first answer (it could
 * not even start) makes `unavailable()` true, and the gate checks inline from then on.
 */
function createWorkerCheck(): {
  check: Check;
  prewarm(root: string): void;
  reset(): void;
  unavailable(): boolean;
} {
  let worker: Worker | undefined;
  let answered = false;
  let broken = false;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const fail = (error: Error): void => {
    worker = undefined;
    if (!answered) broken = true;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const start = (): Worker => {
    const { url, execArgv } = workerEntry();
    const started = new Worker(url, { execArgv });
    started.on('message', (response: TypecheckResponse) => {
      answered = true;
      const waiting = pending.get(response.id);
      pending.delete(response.id);
      if (pending.size === 0) started.unref();
      if ('error' in response) waiting?.reject(new Error(response.error));
      else waiting?.resolve(response.findings);
    });
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`the typecheck worker exited (code ${code})`)));
    return started;
  };
  return {
    unavailable: () => broken,
    reset() {
      const current = worker;
      fail(new Error('typecheck was cancelled'));
      void current?.terminate();
    },
    prewarm(root) {
      worker ??= start();
      const id = ++nextId;
      pending.set(id, { resolve: () => undefined, reject: () => undefined });
      worker.postMessage({
        id,
        root,
        files: [],
        suggestions: false,
        prewarm: true,
      } satisfies TypecheckRequest);
    },
    check(root, files, suggestions) {
      worker ??= start();
      worker.ref();
      const id = ++nextId;
      const request: TypecheckRequest = { id, root, files, suggestions };
      const answer = new Promise<Finding[]>((resolve, reject) =>
        pending.set(id, { resolve, reject }),
      );
      worker.postMessage(request);
      return answer;
    },
  };
}

/** The in-thread engine, imported on first use (TypeScript's LanguageService is large). */
function inlineCheck(): Check {
  let engine: Promise<TypecheckEngine> | undefined;
  return async (root, files, suggestions) => {
    engine ??= import('./typecheck-engine.js').then((m) => m.createTypecheckEngine());
    return (await engine).check(root, files, suggestions);
  };
}

/**
 * Type-checks the given files with a LanguageService kept warm per project root (in a
 * worker thread by default, so it runs alongside the other gates). Only the given files
 * are reported. Option `suggestions: true` adds suggestion diagnostics at low severity.
 */
export function createTypecheckGate(options: TypecheckGateOptions = {}): Gate {
  let inline: Check | undefined;
  const remote = options.worker === false ? undefined : createWorkerCheck();
  const runInline: Check = (...args) => (inline ??= inlineCheck())(...args);

  async function check(
    root: string,
    files: SourceFile[],
    suggestions: boolean,
  ): Promise<Finding[]> {
    if (!remote || remote.unavailable()) return runInline(root, files, suggestions);
    try {
      return await remote.check(root, files, suggestions);
    } catch (error) {
      if (remote.unavailable()) return runInline(root, files, suggestions);
      throw error;
    }
  }

  return {
    prewarm: (root) => remote?.prewarm(root),
    name: 'typecheck',
    description: 'TypeScript type-check (your tsconfig.json, or strict defaults)',
    appliesTo: (path) => checked.test(path) && !declaration.test(path),
    async run(ctx, signal): Promise<GateResult> {
      const started = performance.now();
      const onAbort = () => remote?.reset();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        const findings = await check(ctx.root, ctx.files, ctx.options.suggestions === true);
        const verdict = findings.some((f) => f.severity === 'high') ? 'fail' : 'pass';
        return { gate: 'typecheck', verdict, findings, durationMs: performance.now() - started };
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
  };
}
