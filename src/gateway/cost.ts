import type { ModelPrice, Usage } from './types.js';

/**
 * Exact cost in pico-dollars (1e-12 USD) as a BigInt: tokens × micro-dollars per 1M
 * tokens. Cached input tokens are a subset of input tokens and billed at their own rate.
 */
export function costPicos(usage: Usage, price: ModelPrice | null): bigint {
  if (!price) return 0n;
  const cached = BigInt(Math.min(usage.cachedInputTokens, usage.inputTokens));
  const uncached = BigInt(usage.inputTokens) - cached;
  return (
    uncached * BigInt(price.inputPerMTokMicros) +
    cached * BigInt(price.cachedInputPerMTokMicros) +
    BigInt(usage.outputTokens) * BigInt(price.outputPerMTokMicros)
  );
}

/** Pico-dollars → integer micro-dollars, rounded half up (once per call, never per token). */
export function picosToMicros(picos: bigint): number {
  return Number((picos + 500_000n) / 1_000_000n);
}

export function formatMicros(micros: number): string {
  const dollars = micros / 1_000_000;
  return dollars >= 0.01 || dollars === 0 ? `$${dollars.toFixed(4)}` : `$${dollars.toFixed(6)}`;
}
