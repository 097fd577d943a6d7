/**
 * Anthropic (messages API) through `@ai-sdk/anthropic`.
 */
import type { AnthropicProvider } from '@ai-sdk/anthropic';
import type { ResolvedProvider } from '../config/load.js';
import type { Provider } from '../gateway/types.js';
import { modelProvider } from './model-provider.js';
import type { ProviderDeps } from './openai.js';
import { requireSetting } from './provider-config.js';
import { anthropicTerminator, guardSseFetch } from './sse-guard.js';

export const anthropicDefaultBaseUrl = 'https://api.anthropic.com/v1';

export function createAnthropicProvider(
  config: ResolvedProvider,
  deps: ProviderDeps = {},
): Provider {
  let sdk: AnthropicProvider | undefined;
  const client = async (): Promise<AnthropicProvider> => {
    const apiKey = requireSetting(
      config,
      'apiKey',
      'set ANTHROPIC_API_KEY or providers.<name>.apiKeyEnv',
    );
    const { createAnthropic } = await import('@ai-sdk/anthropic');
    sdk ??= createAnthropic({
      apiKey,
      baseURL: config.baseUrl ?? anthropicDefaultBaseUrl,
      headers: config.headers,
      fetch: guardSseFetch(anthropicTerminator, deps.fetch),
    });
    return sdk;
  };
  return modelProvider({
    name: config.name,
    kind: 'anthropic',
    model: async (modelId) => (await client()).messages(modelId),
  });
}
