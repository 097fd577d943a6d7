import type { ResolvedProvider } from '../config/load.js';
import type { CompleteService } from '../complete/complete-service.js';
import type { Gateway } from '../gateway/gateway.js';
import type { Validator } from '../gates/pipeline.js';
import type { JobSystem } from '../jobs/job-system.js';
import type { Runtime } from '../runtime.js';
import type { SecretDetector } from '../secrets/detect.js';
import type { PassthroughCache } from './passthrough/byte-cache.js';
import type { UpstreamPools } from './passthrough/upstream-pools.js';
import type { AuditPort, AuthPort, MetricsPort } from './ports.js';

/** Everything a route may use; built once by createServer. */
export interface ServerDeps {
  runtime: Runtime;
  gateway: Gateway;
  pools: UpstreamPools;
  /** Exact-match cache of pass-through answers (null when `cache.enabled` is false). */
  passthroughCache: PassthroughCache | null;
  providers: Record<string, ResolvedProvider>;
  /** issue 15: set under `redact.requests` — pass-through bodies are masked with this detector. */
  redactWith?: () => SecretDetector;
  auth?: AuthPort;
  audit?: AuditPort;
  metrics?: MetricsPort;
  /**
   * Lazily loaded and created on the first /api/validate or /api/generate: the gates
   * pull in TypeScript and ESLint (~80 MB), which the gateway routes never need.
   */
  validator: () => Promise<Validator>;
  detector: () => SecretDetector;
  /** The completion service (/api/complete, /v1/completions with a suffix), made on first use. */
  complete: () => Promise<CompleteService>;
  /** Default project root for /api/validate. */
  cwd: string;
  /** Async jobs (POST … async:true, /api/jobs, /api/batches); absent: those answer 503. */
  jobs?: JobSystem;
}
