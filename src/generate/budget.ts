import type { GenerateBudget } from './types.js';

export interface Spent {
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
}

/** Rough tokens of text not yet sent (≈4 characters a token), for look-ahead only. */
export function roughTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export interface NextCall {
  /** Input tokens of the previous call. */
  lastInputTokens: number;
  /** Cost of the previous call. */
  lastCostMicros: number;
  /** Text the next call adds to the conversation (previous answer + repair message). */
  addedText: string;
}

/**
 * Why another model call would break the budget, or null when it fits. Stops when the
 * budget is spent, when the next call's input alone (the growing conversation) would
 * not fit the tokens left, or when another call as costly as the last would not fit
 * the money left: a call that cannot finish inside the budget is not started.
 */
export function budgetStop(budget: GenerateBudget, spent: Spent, next: NextCall): string | null {
  const tokens = spent.inputTokens + spent.outputTokens;
  if (budget.maxTokens !== undefined) {
    const nextInput = next.lastInputTokens + roughTokens(next.addedText);
    if (tokens >= budget.maxTokens)
      return `token budget spent (${tokens} of ${budget.maxTokens} tokens)`;
    if (tokens + nextInput > budget.maxTokens)
      return `the next attempt (~${nextInput} input tokens) would exceed the token budget (${tokens} of ${budget.maxTokens} used)`;
  }
  if (budget.maxCostMicros !== undefined) {
    if (spent.costMicros >= budget.maxCostMicros)
      return `cost budget spent (${spent.costMicros} of ${budget.maxCostMicros} µ$)`;
    if (spent.costMicros + next.lastCostMicros > budget.maxCostMicros)
      return `another attempt (~${next.lastCostMicros} µ$) would exceed the cost budget (${spent.costMicros} of ${budget.maxCostMicros} µ$ used)`;
  }
  return null;
}

/** Output tokens the next call may use without passing the token budget. */
export function outputAllowance(
  budget: GenerateBudget,
  spent: Spent,
  nextInputTokens: number,
): number | undefined {
  if (budget.maxTokens === undefined) return undefined;
  const left = budget.maxTokens - spent.inputTokens - spent.outputTokens - nextInputTokens;
  return Math.max(1, left);
}
