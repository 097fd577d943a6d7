/**
 * The submitting key's limits inside a job (issue 14): a job runs long after its
 * submission was admitted, so every model call it makes is checked against the
 * key's rate limit and budget again and charged to the key — as `/api/generate`
 * does for a synchronous run. A key revoked since the submission stops its jobs.
 */
import type { ModelCaller } from '../generate/types.js';
import { limitedGenerate, type CallLimits } from '../gateway/limited-caller.js';
import type { Principal } from '../server/auth/principal.js';

export interface JobLimits extends CallLimits<Principal> {
  /** The key named `caller`; null for a keyless local submission. */
  principalNamed(caller: string): Promise<Principal | null>;
}

/** The job's model caller, under its key's limits when it has a key. */
export async function callerUnderLimits(
  caller: ModelCaller,
  limits: JobLimits | undefined,
  callerName: string,
): Promise<ModelCaller> {
  const principal = limits ? await limits.principalNamed(callerName) : null;
  if (!limits || !principal) return caller;
  return { generate: limitedGenerate(caller, limits, principal) };
}
