/**
 * Authentication, authorization, rate limits and budgets for the server.
 * `authenticate` is async (a key lookup, cached); `authorize`, `admit` and
 * `record` are synchronous and O(1) on the hot path. See docs/auth.md.
 */
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import { BudgetTracker, type BudgetLogger } from './budget-tracker.js';
import { createApiKey, type CreateKeyInput, type CreatedKey } from './create-key.js';
import { KeyCache } from './key-cache.js';
import { hashApiKey, presentedKey, sameHash } from './key-format.js';
import { principalOf, type Principal } from './principal.js';
import { createMemoryRateLimiter, type RateLimiter } from './rate-limiter.js';
import { hasPermission, type Permission } from './roles.js';

export interface AuthOptions {
  store: Pick<Store, 'keys' | 'usage'>;
  clock?: { now(): number };
  /** Receives the soft-budget warnings (pino-compatible). */
  logger?: BudgetLogger;
  /** How long a verified key is trusted without a lookup (revocation delay). Default 5000 ms. */
  keyCacheTtlMs?: number;
  /** Verified keys held at most. Default 10,000. */
  keyCacheSize?: number;
  /** How long `enabled()` reuses its answer. Default 1000 ms. */
  enabledCacheMs?: number;
  /** Fraction of a budget that logs a warning once per period. Default 0.8. */
  softBudgetRatio?: number;
  /** Replaces the in-memory per-process limiter. */
  rateLimiter?: RateLimiter;
}

export interface AuthStats {
  softBudgetCrossings: number;
  budgetRejections: number;
  rateLimitRejections: number;
  cachedKeys: number;
}

export interface Auth {
  /** True when any non-revoked key exists (cached for `enabledCacheMs`). */
  enabled(): Promise<boolean>;
  /** The caller, null when no key was sent; throws Unauthorized for an unknown, revoked or malformed key. */
  authenticate(
    authorizationHeader: string | undefined,
    xApiKeyHeader?: string,
  ): Promise<Principal | null>;
  /** Throws Unauthorized (no key while keys exist) or Forbidden (role lacks the permission). */
  authorize(principal: Principal | null, permission: Permission): void;
  /** Throws RateLimited or BudgetExceeded; otherwise counts the request. Synchronous, O(1). */
  admit(principal: Principal, estimatedTokens: number): void;
  /** Adds a finished call's real tokens and cost to the key's windows and spend. */
  record(principal: Principal, tokens: number, costMicros: number): void;
  createKey(input: CreateKeyInput): Promise<CreatedKey>;
  /** Revokes by name or id, effective at once in this process; false when no active key matched. */
  revokeKey(nameOrId: string): Promise<boolean>;
  stats(): AuthStats;
}

function unauthorized(message: string): ShipgateError {
  return new ShipgateError(ErrorCode.Unauthorized, message);
}

export function createAuth(options: AuthOptions): Auth {
  return new KeyAuth(options);
}

class KeyAuth implements Auth {
  readonly #store: AuthOptions['store'];
  readonly #clock: { now(): number };
  readonly #cache: KeyCache;
  readonly #limiter: RateLimiter;
  readonly #budgets: BudgetTracker;
  readonly #enabledForMs: number;
  #known: { value: boolean; at: number } | null = null;
  #pending: Promise<boolean> | null = null;

  constructor(options: AuthOptions) {
    this.#store = options.store;
    this.#clock = options.clock ?? Date;
    const now = () => this.#clock.now();
    this.#cache = new KeyCache(options.keyCacheSize ?? 10_000, options.keyCacheTtlMs ?? 5_000, now);
    this.#limiter = options.rateLimiter ?? createMemoryRateLimiter();
    this.#budgets = new BudgetTracker({
      usage: options.store.usage,
      softRatio: options.softBudgetRatio,
      logger: options.logger,
    });
    this.#enabledForMs = options.enabledCacheMs ?? 1_000;
  }

  async enabled(): Promise<boolean> {
    const known = this.#known;
    if (known !== null && this.#clock.now() - known.at < this.#enabledForMs) return known.value;
    this.#pending ??= this.#store.keys
      .list()
      .then((keys) => {
        const value = keys.some((key) => key.revokedAt === null);
        this.#known = { value, at: this.#clock.now() };
        return value;
      })
      .finally(() => (this.#pending = null));
    return this.#pending;
  }

  async authenticate(
    authorizationHeader: string | undefined,
    xApiKeyHeader?: string,
  ): Promise<Principal | null> {
    const presented = presentedKey(authorizationHeader, xApiKeyHeader);
    if (presented.kind === 'none') return null;
    if (presented.kind === 'malformed') {
      throw unauthorized(
        'malformed API key: send "Authorization: Bearer sg-…" or "x-api-key: sg-…"',
      );
    }
    const principal = await this.#lookup(presented.key);
    await this.#budgets.ensureLoaded(principal, this.#clock.now());
    return principal;
  }

  async #lookup(key: string): Promise<Principal> {
    const hash = hashApiKey(key);
    const cached = this.#cache.get(hash);
    if (cached !== undefined) return cached;
    const record = await this.#store.keys.findByHash(hash);
    // The lookup is by hash (a one-way function of a 256-bit secret), so its timing
    // reveals nothing usable; the final comparison is constant-time anyway.
    if (record === null || !sameHash(record.keyHash, hash)) throw unauthorized('unknown API key');
    if (record.revokedAt !== null) throw unauthorized(`API key "${record.name}" has been revoked`);
    const principal = principalOf(record);
    if (principal === null) {
      throw unauthorized(`API key "${record.name}" has an unknown role or budget period`);
    }
    this.#cache.set(hash, principal);
    return principal;
  }

  authorize(principal: Principal | null, permission: Permission): void {
    if (principal === null) {
      // Open only when the last enabled() said no key exists; fail closed otherwise.
      if (this.#known?.value === false) return;
      throw unauthorized('this server requires an API key: send "Authorization: Bearer sg-…"');
    }
    if (!hasPermission(principal.role, permission)) {
      throw new ShipgateError(
        ErrorCode.Forbidden,
        `API key "${principal.name}" (role ${principal.role}) may not use ${permission}`,
        { details: { role: principal.role, permission } },
      );
    }
  }

  admit(principal: Principal, estimatedTokens: number): void {
    const now = this.#clock.now();
    this.#budgets.check(principal, now);
    this.#limiter.admit(principal, estimatedTokens, now);
  }

  record(principal: Principal, tokens: number, costMicros: number): void {
    const now = this.#clock.now();
    this.#limiter.recordTokens(principal, tokens, now);
    this.#budgets.record(principal, costMicros, now);
  }

  async createKey(input: CreateKeyInput): Promise<CreatedKey> {
    const created = await createApiKey(this.#store.keys, input, this.#clock.now());
    this.#known = null;
    return created;
  }

  async revokeKey(nameOrId: string): Promise<boolean> {
    const revoked = await this.#store.keys.revoke(nameOrId, this.#clock.now());
    this.#cache.deleteKey(nameOrId);
    this.#known = null;
    return revoked;
  }

  stats(): AuthStats {
    return {
      softBudgetCrossings: this.#budgets.softCrossings(),
      budgetRejections: this.#budgets.rejections(),
      rateLimitRejections: this.#limiter.rejections(),
      cachedKeys: this.#cache.size,
    };
  }
}
