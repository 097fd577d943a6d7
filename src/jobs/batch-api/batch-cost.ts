/**
 * What a provider batch call costs: the list price of the usage the provider
 * reported, less the batch discount (`jobs.batchApi.discount`, 0.5 for OpenAI's
 * Batch API and Anthropic's Message Batches), exact to the pico-dollar and
 * rounded once, like every other call (src/gateway/cost.ts).
 */
import { costPicos, picosToMicros } from '../../gateway/cost.js';
import type { ModelPrice, Usage } from '../../gateway/types.js';

const scale = 1_000_000n;

export function batchCostMicros(usage: Usage, price: ModelPrice | null, discount: number): number {
  const kept = BigInt(Math.round((1 - discount) * Number(scale)));
  return picosToMicros((costPicos(usage, price) * kept) / scale);
}
