/**
 * Per-key spend in the current budget period (UTC day or month). The spend is
 * loaded once per key from the usage records (sum of cost where caller = key
 * name since the period start), then kept current by `record()` so `check()` is
 * synchronous and O(1). A new period starts from zero without a query.
 * Scale-out (`shared`): the spend is also one Redis counter per key and period
 * (INCRBY on record, seeded once from the store), read again on every
 * authentication, so every server sees the others' spend.
 */
import type { SharedLimits } from './rate-limiter.js';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { UsageRepo } from '../../store/usage-repo.js';
import { nextPeriodStart, periodStart, type BudgetPeriod } from './period.js';
import type { Principal } from './principal.js';

export interface BudgetLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface BudgetTrackerOptions {
  usage: Pick<UsageRepo, 'summarize'>;
  /** Fraction of the budget that triggers the one-per-period warning. Default 0.8. */
  softRatio?: number;
  logger?: BudgetLogger;
  /** Redis-backed spend shared by every process (scale-out). */
  shared?: SharedLimits;
}

interface Spend {
  period: BudgetPeriod;
  start: number;
  end: number;
  spentMicros: number;
  softReported: boolean;
  /** True once the stored spend was added (or the period started while this process ran). */
  loaded: boolean;
}

type Budgeted = Principal & { budgetMicros: number; budgetPeriod: BudgetPeriod };

/** Tolerates principals built elsewhere without budget fields (the server's local principal). */
function hasBudget(principal: Principal): principal is Budgeted {
  return typeof principal.budgetMicros === 'number' && principal.budgetPeriod != null;
}

export class BudgetTracker {
  readonly #spend = new Map<string, Spend>();
  readonly #loading = new Map<string, Promise<void>>();
  readonly #softRatio: number;
  #softCrossings = 0;
  #rejections = 0;

  constructor(private readonly options: BudgetTrackerOptions) {
    this.#softRatio = options.softRatio ?? 0.8;
  }

  /** Loads the key's spend for the current period if not known yet (awaited by authenticate). */
  ensureLoaded(principal: Principal, now: number): Promise<void> {
    if (!hasBudget(principal)) return Promise.resolve();
    const known = this.#spend.get(principal.name);
    if (known?.loaded === true && known.period === principal.budgetPeriod && now < known.end) {
      return this.options.shared ? this.#refresh(principal, known) : Promise.resolve();
    }
    let loading = this.#loading.get(principal.name);
    if (loading === undefined) {
      loading = this.#load(principal, now).finally(() => this.#loading.delete(principal.name));
      this.#loading.set(principal.name, loading);
    }
    return loading;
  }

  async #load(principal: Budgeted, now: number): Promise<void> {
    const start = periodStart(principal.budgetPeriod, now);
    const rows = await this.options.usage.summarize(
      { since: start, caller: principal.name },
      'caller',
    );
    const stored = rows.reduce((sum, row) => sum + row.costMicros, 0);
    const spend = this.#current(principal, now);
    if (spend.start !== start || spend.loaded) return;
    spend.spentMicros += stored;
    spend.loaded = true;
    const shared = this.options.shared;
    if (shared) {
      // the first process to load seeds the shared counter; later ones read it
      await shared.redis
        .set(this.#key(principal, spend), String(stored), 'PX', spend.end - now + 86_400_000, 'NX')
        .catch((error: unknown) => shared.onError?.(error));
      await this.#refresh(principal, spend);
    }
    this.#reportSoft(principal, spend);
  }

  #key(principal: Budgeted, spend: Spend): string {
    return `${this.options.shared?.prefix ?? ''}budget:${principal.name}:${spend.start}`;
  }

  /** Takes the shared spend when it is ahead of this process's view. */
  async #refresh(principal: Budgeted, spend: Spend): Promise<void> {
    const shared = this.options.shared;
    if (!shared) return;
    try {
      const value = Number((await shared.redis.get(this.#key(principal, spend))) ?? 0);
      if (Number.isFinite(value) && value > spend.spentMicros) spend.spentMicros = value;
    } catch (error) {
      shared.onError?.(error);
    }
  }

  /** Throws BudgetExceeded (with `resetAt` and `retryAfterMs`) when the key's budget is spent. */
  check(principal: Principal, now: number): void {
    if (!hasBudget(principal)) return;
    const spend = this.#current(principal, now);
    if (spend.spentMicros < principal.budgetMicros) return;
    this.#rejections += 1;
    const resetAt = new Date(spend.end).toISOString();
    const retryAfterMs = spend.end - now;
    throw new ShipgateError(
      ErrorCode.BudgetExceeded,
      `API key "${principal.name}" has spent its ${periodAdjective(principal.budgetPeriod)} budget of ` +
        `$${(principal.budgetMicros / 1e6).toFixed(2)}; it resets at ${resetAt}`,
      {
        retryAfterMs,
        details: {
          key: principal.name,
          budgetMicros: principal.budgetMicros,
          spentMicros: spend.spentMicros,
          period: principal.budgetPeriod,
          resetAt,
          retryAfterMs,
        },
      },
    );
  }

  record(principal: Principal, costMicros: number, now: number): void {
    if (!hasBudget(principal) || costMicros <= 0) return;
    const spend = this.#current(principal, now);
    spend.spentMicros += costMicros;
    this.#reportSoft(principal, spend);
    const shared = this.options.shared;
    if (shared) {
      const key = this.#key(principal, spend);
      shared.redis
        .incrby(key, Math.round(costMicros))
        .then(() => shared.redis.pexpire(key, spend.end - now + 86_400_000))
        .catch((error: unknown) => shared.onError?.(error));
    }
  }

  /** Spend known for the key's current period (micro-dollars); 0 when none. */
  spentMicros(principal: Principal, now: number): number {
    return hasBudget(principal) ? this.#current(principal, now).spentMicros : 0;
  }

  softCrossings(): number {
    return this.#softCrossings;
  }

  rejections(): number {
    return this.#rejections;
  }

  /** The key's spend entry for the period containing `now` (a new period starts at zero). */
  #current(principal: Budgeted, now: number): Spend {
    const existing = this.#spend.get(principal.name);
    if (
      existing !== undefined &&
      existing.period === principal.budgetPeriod &&
      now < existing.end
    ) {
      return existing;
    }
    // A period that began while this process was counting needs no query.
    const rolledOver = existing?.loaded === true && existing.period === principal.budgetPeriod;
    const spend: Spend = {
      loaded: rolledOver,
      period: principal.budgetPeriod,
      start: periodStart(principal.budgetPeriod, now),
      end: nextPeriodStart(principal.budgetPeriod, now),
      spentMicros: 0,
      softReported: false,
    };
    this.#spend.set(principal.name, spend);
    return spend;
  }

  #reportSoft(principal: Budgeted, spend: Spend): void {
    if (spend.softReported || spend.spentMicros < principal.budgetMicros * this.#softRatio) return;
    spend.softReported = true;
    this.#softCrossings += 1;
    this.options.logger?.warn(
      {
        key: principal.name,
        spentMicros: spend.spentMicros,
        budgetMicros: principal.budgetMicros,
        period: principal.budgetPeriod,
        resetAt: new Date(spend.end).toISOString(),
      },
      `API key "${principal.name}" has used ${Math.round(this.#softRatio * 100)}% or more of its ${periodAdjective(principal.budgetPeriod)} budget`,
    );
  }
}

function periodAdjective(period: BudgetPeriod): string {
  return period === 'day' ? 'daily' : 'monthly';
}
