import type { ModelSpec } from '../../gateway/types.js';

/** The model the batch caller tests route to: provider `oai`, $2 / $8 per 1M tokens
 * (1000 in + 500 out = $0.006 at list price, $0.003 at the batch discount). */
export const batchTestModel: ModelSpec = {
  alias: 'coder',
  provider: 'oai',
  modelId: 'gpt-x',
  contextWindow: 128_000,
  capabilities: ['chat'],
  price: {
    inputPerMTokMicros: 2_000_000,
    outputPerMTokMicros: 8_000_000,
    cachedInputPerMTokMicros: 0,
  },
  costPerHourMicros: null,
};
