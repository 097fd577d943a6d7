import { createGatePool, type GatePoolOptions } from './gate-pool.js';
import { createValidator, type Validator } from './pipeline.js';
import { createTypecheckGate } from './typecheck.js';

/**
 * The server's validator: untrusted input (docs/validate.md) and the CPU-bound gates in
 * a worker pool, so /api/validate and /api/generate never stall the event loop that
 * serves /v1 traffic; its workers, the typecheck worker's included, run at the lowest
 * thread priority. `close()` stops the pool.
 */
export async function createServerValidator(options: GatePoolOptions = {}): Promise<Validator> {
  const pool = await createGatePool(options);
  const typecheck = createTypecheckGate({ background: true });
  return createValidator({ trust: 'untrusted', pool, typecheck });
}
