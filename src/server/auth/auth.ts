/**
 * Authentication, authorization, rate limits and budgets for the server.
 * `authenticate` is async (a key lookup, cached); `authorize`, `admit` and
 * `record` are synchronous and O(1) on the hot path. See docs/auth.md.
 */
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { ApiKeyRecord } from '../../store/keys-repo.js';
import type { Store } from '../../store/store.js';
import { BudgetTracker, type BudgetLogger } from './budget-tracker.js';
import { createApiKey, type CreateKeyInput, type CreatedKey } from './create-key.js';
import { KeyCache } from './key-cache.js';
import { hashApiKey, presentedKey, sameHash } from './key-format.js';
import { principalOf, type Principal } from './principal.js';
import {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  type RateLimiter,
  type SharedLimits,
} from './rate-limiter.js';
import { hasPermission, type Permission } from './roles.js';

export interface AuthOptions {
  store: Pick<Store, 'keys' | 'usage'>;
  clock?: { now(): number };
  /** Receives the soft-budget warnings (pino-compatible). */
  logger?: BudgetLogger;
  /**
   * Keys are required whatever the store says (`auth.required: true`, or a bind beyond
   * loopback). Otherwise they are required once any key has ever been created.
   */
  required?: boolean;
  /** How long a verified key is trusted without a lookup (revocation delay). Default 5000 ms. */
  keyCacheTtlMs?: number;
  /** While the store cannot be read, keys verified this recently keep working. Default 60,000 ms. */
  keyStaleMs?: number;
  /** Verified keys held at most. Default 10,000. */
  keyCacheSize?: number;
  /** How long `enabled()` reuses its answer. Default 1000 ms. */
  enabledCacheMs?: number;
  /** Fraction of a budget that logs a warning once per period. Default 0.8. */
  softBudgetRatio?: number;
  /** Replaces the in-memory per-process limiter. */
  rateLimiter?: RateLimiter;
  /** Scale-out: rate limits and budget spend kept in Redis, shared by every server. */
  sharedLimits?: SharedLimits;
}

export interface AuthStats {
  softBudgetCrossings: number;
  budgetRejections: number;
  rateLimitRejections: number;
  cachedKeys: number;
}

export interface Auth {
  /**
   * True when requests need a key: `required`, or any key was ever created (revoked
   * keys count, so revoking the last key never opens the server). Once true it stays
   * true; a store that cannot be read counts as true (fail closed).
   */
  enabled(): Promise<boolean>;
  /**
   * The caller, null when no key was sent; throws Unauthorized for an unknown, revoked or
   * malformed key, StoreUnavailable when the store is down and the key was not seen recently.
   */
  authenticate(
    authorizationHeader: string | undefined,
    xApiKeyHeader?: string,
  ): Promise<Principal | null>;
  /** Throws Unauthorized (no key while keys exist) or Forbidden (role lacks the permission). */
  authorize(principal: Principal | null, permission: Permission): void;
  /** Throws RateLimited or BudgetExceeded; otherwise counts the request. Synchronous, O(1). */
  admit(principal: Principal, estimatedTokens: number): void | Promise<void>;
  /** Adds a finished call's real tokens and cost to the key's windows and spend. */
  record(principal: Principal, tokens: number, costMicros: number): void;
  /**
   * The principal of the key named `name` with its spend loaded, for work done on the
   * key's behalf later (async jobs); null when no key has that name (a keyless local
   * submission); Unauthorized when it was revoked since.
   */
  principalNamed(name: string): Promise<Principal | null>;
  createKey(input: CreateKeyInput): Promise<CreatedKey>;
  /** Revokes by name or id, effective at once in this process; false when no active key matched. */
  revokeKey(nameOrId: string): Promise<boolean>;
  stats(): AuthStats;
}

function unauthorized(message: string): ShipgateError {
  return new ShipgateError(ErrorCode.Unauthorized, message);
}

/** The principal of a looked-up record, or the Unauthorized error that refuses it. */
function verified(record: ApiKeyRecord | null, hash: string): Principal | ShipgateError {
  if (record === null || !sameHash(record.keyHash, hash)) return unauthorized('unknown API key');
  if (record.revokedAt !== null) return unauthorized(`API key "${record.name}" has been revoked`);
  return (
    principalOf(record) ??
    unauthorized(`API key "${record.name}" has an unknown role or budget period`)
  );
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
  readonly #required: boolean;
  /** The last answer of the store; `guessed` when it could not be read (then true, not sticky). */
  #known: { value: boolean; at: number; guessed: boolean } | null = null;
  #pending: Promise<boolean> | null = null;

  constructor(options: AuthOptions) {
    this.#store = options.store;
    this.#clock = options.clock ?? Date;
    const now = () => this.#clock.now();
    this.#required = options.required === true;
    this.#cache = new KeyCache(
      options.keyCacheSize ?? 10_000,
      options.keyCacheTtlMs ?? 5_000,
      now,
      options.keyStaleMs ?? 60_000,
    );
    this.#limiter =
      options.rateLimiter ??
      (options.sharedLimits
        ? createRedisRateLimiter(options.sharedLimits)
        : createMemoryRateLimiter());
    this.#budgets = new BudgetTracker({
      usage: options.store.usage,
      softRatio: options.softBudgetRatio,
      logger: options.logger,
      shared: options.sharedLimits,
    });
    this.#enabledForMs = options.enabledCacheMs ?? 1_000;
  }

  async enabled(): Promise<boolean> {
    if (this.#required) return true;
    const known = this.#known;
    // "A key has existed" never becomes false again: no need to ask the store twice.
    if (known?.value === true && !known.guessed) return true;
    if (known !== null && this.#clock.now() - known.at < this.#enabledForMs) return known.value;
    this.#pending ??= this.#store.keys
      .list()
      .then(
        (keys) => ({ value: keys.length > 0, guessed: false }),
        // The store cannot say: require keys (fail closed), and ask again next time.
        () => ({ value: true, guessed: true }),
      )
      .then(({ value, guessed }) => {
        this.#known = { value, at: this.#clock.now(), guessed };
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
    try {
      await this.#budgets.ensureLoaded(principal, this.#clock.now());
    } catch (error) {
      if (error instanceof ShipgateError) throw error;
      throw new ShipgateError(
        ErrorCode.StoreUnavailable,
        `cannot load the spend of API key "${principal.name}": the store is unavailable; retry shortly`,
        { cause: error, retryable: true },
      );
    }
    return principal;
  }

  async principalNamed(name: string): Promise<Principal | null> {
    const record = (await this.#store.keys.list()).find((k) => k.name === name);
    if (!record) return null;
    if (record.revokedAt !== null)
      throw unauthorized(`API key "${record.name}" has been revoked since it submitted this job`);
    const principal = principalOf(record);
    if (!principal) throw unauthorized(`API key "${name}" has an unknown role or budget period`);
    await this.#budgets.ensureLoaded(principal, this.#clock.now());
    return principal;
  }

  async #lookup(key: string): Promise<Principal> {
    const hash = hashApiKey(key);
    const cached = this.#cache.get(hash);
    if (cached !== undefined) return cached;
    let record: ApiKeyRecord | null;
    try {
      record = await this.#store.keys.findByHash(hash);
    } catch (error) {
      const stale = this.#cache.getStale(hash);
      if (stale !== undefined) return stale;
      throw new ShipgateError(
        ErrorCode.StoreUnavailable,
        'cannot verify the API key: the key store is unavailable; retry shortly',
        { cause: error, retryable: true },
      );
    }
    // The lookup is by hash (a one-way function of a 256-bit secret), so its timing
    // reveals nothing usable; the final comparison is constant-time anyway.
    const principal = verified(record, hash);
    if (principal instanceof ShipgateError) {
      this.#cache.delete(hash);
      throw principal;
    }
    this.#cache.set(hash, principal);
    return principal;
  }

  authorize(principal: Principal | null, permission: Permission): void {
    if (principal === null) {
      // Open only when the last enabled() said no key was ever created; fail closed otherwise.
      if (!this.#required && this.#known?.value === false) return;
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

  admit(principal: Principal, estimatedTokens: number): void | Promise<void> {
    const now = this.#clock.now();
    this.#budgets.check(principal, now);
    return this.#limiter.admit(principal, estimatedTokens, now);
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
