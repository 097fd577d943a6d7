/**
 * API vs self-hosted break-even (DESIGN.md, Cost): a self-hosted deployment costs
 * a fixed amount a month; the API costs a metered amount per request. Self-hosting
 * pays off above `monthly ÷ 30 ÷ API cost per request` requests a day. The field's
 * worked example: $4,162 a month against $0.001 a completion → 138,733 a day.
 */

export const hoursPerMonth = 730;
export const daysPerMonth = 30;

export interface BreakEven {
  /** Null when neither --self-hosted-monthly nor a self-hosted costPerHour is known. */
  selfHostedMonthlyUsd: number | null;
  /** Null when no API-hosted request was metered in the period. */
  apiCostPerRequestUsd: number | null;
  /** Rounded to a whole request; null when either input above is unknown or zero. */
  breakEvenRequestsPerDay: number | null;
  currentRequestsPerDay: number;
  /** Null when it cannot be decided (see `note`). */
  cheaper: 'api' | 'self-hosted' | null;
  /** Why a figure is missing, when one is. */
  note?: string;
}

export interface BreakEvenInput {
  selfHostedMonthlyUsd: number | null;
  /** Spend on API-hosted models in the period, integer micro-dollars. */
  apiCostMicros: number;
  /** Requests served by API-hosted models in the period. */
  apiRequests: number;
  /** Every metered request in the period. */
  requests: number;
  /** The requested window in days (> 0). */
  days: number;
}

/** Rounds to `digits` decimals without the 1.005 surprises of toFixed. */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round((value + Number.EPSILON * Math.abs(value)) * scale) / scale;
}

function missing(input: BreakEvenInput, perRequest: number | null): string | undefined {
  if (input.selfHostedMonthlyUsd === null)
    return 'no self-hosted cost: pass --self-hosted-monthly USD or set models.<alias>.costPerHour on a self-hosted model';
  if (perRequest === null) return 'no API-hosted request was metered in this period';
  if (perRequest === 0) return 'API-hosted requests cost nothing in this period (no price known?)';
  return undefined;
}

export function computeBreakEven(input: BreakEvenInput): BreakEven {
  const perRequest = input.apiRequests > 0 ? input.apiCostMicros / 1e6 / input.apiRequests : null;
  const currentRequestsPerDay = roundTo(input.requests / input.days, 2);
  const note = missing(input, perRequest);
  if (note !== undefined || perRequest === null || input.selfHostedMonthlyUsd === null) {
    return {
      selfHostedMonthlyUsd: input.selfHostedMonthlyUsd,
      apiCostPerRequestUsd: perRequest === null ? null : roundTo(perRequest, 9),
      breakEvenRequestsPerDay: null,
      currentRequestsPerDay,
      cheaper: perRequest === 0 ? 'api' : null,
      note,
    };
  }
  const exact = input.selfHostedMonthlyUsd / daysPerMonth / perRequest;
  return {
    selfHostedMonthlyUsd: input.selfHostedMonthlyUsd,
    apiCostPerRequestUsd: roundTo(perRequest, 9),
    breakEvenRequestsPerDay: Math.round(exact),
    currentRequestsPerDay,
    cheaper: input.requests / input.days > exact ? 'self-hosted' : 'api',
  };
}
