/**
 * What the server needs from auth, audit and metrics, as structural types. The
 * modules in `src/server/auth/`, `src/audit/` and `src/metrics/` implement these;
 * the server never imports them, it gets them passed in (`createServer({ auth, … })`).
 */
export type Permission =
  'models' | 'inference' | 'generate' | 'validate' | 'feedback' | 'usage' | 'audit' | 'metrics';

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
  admit(principal: Principal, estimatedTokens: number): void;
  record(principal: Principal, tokens: number, costMicros: number): void;
}

export interface AuditEntry {
  actor: string;
  action: string;
  route?: string;
  model?: string;
  templateVersion?: string;
  promptHash?: string;
  inputTokens?: number;
  outputTokens?: number;
  decisions?: Record<string, unknown>;
  prompt?: string;
}

export interface AuditRecord {
  seq: number;
  /** Epoch milliseconds. */
  at: number;
  actor: string;
  action: string;
  route: string | null;
  model: string | null;
  detail: Record<string, unknown>;
  hash: string;
}

export interface AuditPort {
  append(entry: AuditEntry): void;
  list(query?: {
    since?: number;
    actor?: string;
    action?: string;
    limit?: number;
  }): Promise<AuditRecord[]>;
}

export interface PromRegistry {
  metrics(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsPort {
  readonly registry: PromRegistry;
  observeRequest(o: {
    route: string;
    method: string;
    status: number;
    durationMs: number;
    overheadMs: number;
  }): void;
  observeUpstream(o: {
    model: string;
    task: string;
    provider: string;
    durationMs: number;
    ttftMs: number | null;
  }): void;
  countTokens(o: {
    model: string;
    task: string;
    input: number;
    output: number;
    costMicros: number;
  }): void;
  countCache(hit: boolean): void;
  countError(code: string): void;
  countFallback(model: string): void;
}

/** The principal used when no key exists at all (loopback-only mode). */
export const localPrincipal: Principal = { keyId: 'local', name: 'local', role: 'admin' };
