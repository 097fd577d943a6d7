/**
 * Picks the provider implementation for a configured provider's `kind`.
 */
import type { ResolvedProvider } from '../config/load.js';
import type { Provider } from '../gateway/types.js';
import { createAnthropicProvider } from './anthropic.js';
import { createEmbeddedProvider, type EmbeddedConfig } from './embedded.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import { createOpenAICompatibleProvider } from './openai-compatible.js';
import { createOpenAIProvider, type ProviderDeps } from './openai.js';

export function createProvider(
  config: ResolvedProvider,
  deps: ProviderDeps & { embedded?: EmbeddedConfig } = {},
): Provider {
  switch (config.kind) {
    case 'openai':
      return createOpenAIProvider(config, deps);
    case 'anthropic':
      return createAnthropicProvider(config, deps);
    case 'openai-compatible':
      return createOpenAICompatibleProvider(config, deps);
    case 'embedded':
      if (!deps.embedded)
        throw new ShipgateError(ErrorCode.ConfigInvalid, 'the embedded provider needs the config');
      return createEmbeddedProvider(config, deps.embedded, deps.embedded.embedded);
  }
}
