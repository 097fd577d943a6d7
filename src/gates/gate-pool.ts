import { availableParallelism } from 'node:os';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { GateTask } from './gate-pool-worker.js';
import type { Gate, GateResult } from './types.js';

/** Gates that run in the pool: pure CPU over in-memory files (the tests gate spawns, typecheck has its own worker). */
export const pooledGateNames = ['lint', 'security', 'secrets', 'complexity', 'patterns'] as const;

export interface GatePoolOptions {
  /** Worker threads (default: cores − 1, at least 2 so lint and security overlap, at most 4). */
  threads?: number;
  /** Tasks waiting beyond this are refused with a gate error (default 512). */
  maxQueue?: number;
  /** Heap cap per worker in MB (default 1536). */
  heapMb?: number;
  /** Told about a worker that failed outside a task (default: ignored; its tasks fail). */
  onWorkerError?: (error: unknown) => void;
}

export interface GatePool {
  /** Wraps a locally created gate (used for its name and `appliesTo`) so it runs in the pool. */
  wrap(gate: Gate): Gate;
  close(): Promise<void>;
}

/**
 * From source (tsx, vitest) the worker is the .ts file and needs the tsx loader, resolved
 * from here: a bare `--import tsx` resolves against the server's cwd (its project root),
 * so a server started from source anywhere else crashed on its first validate request.
 */
function workerEntry(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./gate-pool-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  return {
    filename: url.href,
    execArgv: fromSource ? ['--import', import.meta.resolve('tsx')] : [],
  };
}

/**
 * A piscina pool for the CPU-bound gates, so that lint, security, secrets, complexity
 * and patterns never run on the server's event loop. Workers run at a lower thread
 * priority; the pipeline's per-gate timeout aborts the task, which terminates its worker.
 */
export async function createGatePool(options: GatePoolOptions = {}): Promise<GatePool> {
  const { Piscina } = await import('piscina');
  const { filename, execArgv } = workerEntry();
  const threads = options.threads ?? Math.max(2, Math.min(4, availableParallelism() - 1));
  const pool = new Piscina<GateTask, GateResult>({
    filename,
    execArgv,
    minThreads: threads,
    maxThreads: threads,
    maxQueue: options.maxQueue ?? 512,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 1536 },
  });
  // A worker that dies outside a task (a failed start, an out-of-memory kill) is reported
  // here; unheard, Node would turn it into an uncaught exception that ends the server. The
  // tasks it held reject on their own, so the request sees a failed gate, not a crash.
  pool.on('error', (error: unknown) => options.onWorkerError?.(error));
  return {
    wrap: (gate) => ({
      name: gate.name,
      description: gate.description,
      appliesTo: (path) => gate.appliesTo(path),
      async run(ctx, signal) {
        try {
          return await pool.run({ gate: gate.name, ctx }, { signal });
        } catch (thrown) {
          if (signal.aborted)
            throw new ShipgateError(ErrorCode.Aborted, `${gate.name} was stopped`);
          throw thrown;
        }
      },
    }),
    close: () => pool.destroy(),
  };
}
