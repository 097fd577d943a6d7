/** Budget periods: calendar day or month, in UTC. */

export const budgetPeriods = ['day', 'month'] as const;
export type BudgetPeriod = (typeof budgetPeriods)[number];

export function isBudgetPeriod(value: string): value is BudgetPeriod {
  return (budgetPeriods as readonly string[]).includes(value);
}

/** Epoch ms of the start of the period containing `now`. */
export function periodStart(period: BudgetPeriod, now: number): number {
  const d = new Date(now);
  return period === 'day'
    ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
    : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Epoch ms of the start of the next period (when a budget resets). */
export function nextPeriodStart(period: BudgetPeriod, now: number): number {
  const d = new Date(now);
  return period === 'day'
    ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)
    : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}
