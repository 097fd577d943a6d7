/**
 * OpenAI-compatible servers (vLLM, TGI, llama.cpp server, Ollama `/v1`) through
 * `@ai-sdk/openai-compatible`, asking for usage in streams (`include_usage`).
 * The API key is optional; the base URL is required.
 */
import type { OpenAICompatibleProvider } from '@ai-sdk/openai-compatible';
import type { ResolvedProvider } from '../config/load.js';
import type { Provider } from '../gateway/types.js';
import { modelProvider } from './model-provider.js';
import type { ProviderDeps } from './openai.js';
import { requireSetting } from './provider-config.js';
import { guardSseFetch, openAITerminator } from './sse-guard.js';

export function createOpenAICompatibleProvider(
  config: ResolvedProvider,
  deps: ProviderDeps = {},
): Provider {
  let sdk: OpenAICompatibleProvider | undefined;
  const client = async (): Promise<OpenAICompatibleProvider> => {
    const baseURL = requireSetting(
      config,
      'baseUrl',
      'set providers.<name>.baseUrl, e.g. http://127.0.0.1:8080/v1',
    );
    const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
    sdk ??= createOpenAICompatible({
      name: config.name,
      baseURL,
      apiKey: config.apiKey,
      headers: config.headers,
      includeUsage: true,
      fetch: guardSseFetch(openAITerminator, deps.fetch),
    });
    return sdk;
  };
  return modelProvider({
    name: config.name,
    kind: 'openai-compatible',
    model: async (modelId) => (await client()).chatModel(modelId),
  });
}
