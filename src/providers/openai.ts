/**
 * OpenAI (chat completions API) through `@ai-sdk/openai`.
 */
import type { OpenAIProvider } from '@ai-sdk/openai';
import type { ResolvedProvider } from '../config/load.js';
import type { Provider } from '../gateway/types.js';
import { modelProvider } from './model-provider.js';
import { requireSetting } from './provider-config.js';
import { guardSseFetch, openAITerminator, type FetchFunction } from './sse-guard.js';

export const openAIDefaultBaseUrl = 'https://api.openai.com/v1';

export interface ProviderDeps {
  fetch?: FetchFunction;
}

export function createOpenAIProvider(config: ResolvedProvider, deps: ProviderDeps = {}): Provider {
  let sdk: OpenAIProvider | undefined;
  // the SDK loads on the first call: a server that only passes bytes through never needs it
  const client = async (): Promise<OpenAIProvider> => {
    const apiKey = requireSetting(
      config,
      'apiKey',
      'set OPENAI_API_KEY or providers.<name>.apiKeyEnv',
    );
    const { createOpenAI } = await import('@ai-sdk/openai');
    sdk ??= createOpenAI({
      apiKey,
      baseURL: config.baseUrl ?? openAIDefaultBaseUrl,
      headers: config.headers,
      fetch: guardSseFetch(openAITerminator, deps.fetch),
    });
    return sdk;
  };
  return modelProvider({
    name: config.name,
    kind: 'openai',
    model: async (modelId) => (await client()).chat(modelId),
  });
}
