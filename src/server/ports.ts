/**
 * What the server needs from auth, audit and metrics, as structural types. The
 * modules in `src/server/auth/`, `src/audit/` and `src/metrics/` implement these;
 * the server never imports their code, it gets them passed in (`createServer({ auth, … })`);
 * where a module already defines a shape, its type is imported (type-only) rather than copied.
 */
import type { AuditAppend, AuditEntry, AuditQuery } from '../audit/audit-entry.js';
import type { VerifyResult } from '../audit/verify-chain.js';
import type { RequestObservation, TokenCount, UpstreamObservation } from '../metrics/metrics.js';

export type Permission =
  | 'models'
  | 'inference'
  | 'generate'
  | 'validate'
  | 'feedback'
  | 'usage'
  | 'audit'
  | 'metrics'
  | 'jobs';

export interface Principal {
  keyId: string;
  name: string;
  role: 'admin' | 'developer' | 'ci' | 'viewer';
}

export interface AuthPort {
  enabled(): Promise<boolean>;
  /** Throws Unauthorized for a bad or revoked key; null when no key was sent. */
  authenticate(authorization: string | undefined, xApiKey?: string): Promise<Principal | null>;
  /** Throws Unauthorized/Forbidden; with no keys at all, everything is allowed. */
  authorize(principal: Principal | null, permission: Permission): void;
  /** Throws RateLimited / BudgetExceeded (with details.resetAt and retryAfterMs). */
  admit(principal: Principal, estimatedTokens: number): void | Promise<void>;
  record(principal: Principal, tokens: number, costMicros: number): void;
}

/** What the server appends and lists: the audit module's own entry types. */
export interface AuditPort {
  append(entry: AuditAppend): void;
  list(query?: AuditQuery): Promise<AuditEntry[]>;
  /** Walks the hash chain; reports the first broken row. */
  verify?(): Promise<VerifyResult>;
}

export interface PromRegistry {
  metrics(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsPort {
  readonly registry: PromRegistry;
  observeRequest(o: RequestObservation & { overheadMs: number }): void;
  observeUpstream(o: UpstreamObservation): void;
  countTokens(o: TokenCount): void;
  countCache(hit: boolean): void;
  countError(code: string): void;
  countFallback(model: string): void;
}

/** The principal used when no key exists at all (loopback-only mode). */
export const localPrincipal: Principal = { keyId: 'local', name: 'local', role: 'admin' };
