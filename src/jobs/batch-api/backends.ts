/**
 * Which configured providers have a batch API, and the backend for each:
 * `openai` and `anthropic` providers always (at their base URL, so a gateway or a
 * fake in front of them works too); `openai-compatible` ones only when named in
 * `jobs.batchApi.openaiCompatible`; `embedded` never.
 */
import type { BatchApiConfig } from '../../config/jobs-schema.js';
import type { ResolvedProvider } from '../../config/load.js';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { anthropicDefaultBaseUrl } from '../../providers/anthropic.js';
import { openAIDefaultBaseUrl } from '../../providers/openai.js';
import { createAnthropicBatchBackend } from './anthropic-batch.js';
import type { Fetch } from './http.js';
import { createOpenAIBatchBackend } from './openai-batch.js';
import type { BatchBackend } from './types.js';

function apiKeyOf(provider: ResolvedProvider): string | undefined {
  return provider.apiKey === undefined || provider.apiKey === '' ? undefined : provider.apiKey;
}

function backendFor(
  provider: ResolvedProvider,
  compatible: boolean,
  fetch: Fetch,
): BatchBackend | null {
  const key = apiKeyOf(provider);
  if (provider.kind === 'anthropic')
    return createAnthropicBatchBackend({
      fetch,
      baseUrl: provider.baseUrl ?? anthropicDefaultBaseUrl,
      headers: { ...(key ? { 'x-api-key': key } : {}), ...provider.headers },
    });
  const openai = provider.kind === 'openai';
  if (!openai && !(provider.kind === 'openai-compatible' && compatible)) return null;
  const baseUrl = provider.baseUrl ?? (openai ? openAIDefaultBaseUrl : undefined);
  if (!baseUrl) return null;
  return createOpenAIBatchBackend({
    fetch,
    baseUrl,
    maxTokensKey: openai ? 'max_completion_tokens' : 'max_tokens',
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...provider.headers },
  });
}

/** The batch backends by provider name; a config naming a provider that cannot have one is an error. */
export function batchBackends(
  providers: Readonly<Record<string, ResolvedProvider>>,
  config: Pick<BatchApiConfig, 'enabled' | 'openaiCompatible'>,
  fetch: Fetch = globalThis.fetch,
): Map<string, BatchBackend> {
  for (const name of config.openaiCompatible) {
    if (providers[name]?.kind === 'openai-compatible') continue;
    throw new ShipgateError(
      ErrorCode.ConfigInvalid,
      `jobs.batchApi.openaiCompatible names "${name}", which is ${providers[name] ? `a ${providers[name].kind} provider` : 'not a configured provider'}; list only openai-compatible providers (openai and anthropic providers always use their batch API)`,
    );
  }
  const backends = new Map<string, BatchBackend>();
  if (!config.enabled) return backends;
  for (const provider of Object.values(providers)) {
    const backend = backendFor(provider, config.openaiCompatible.includes(provider.name), fetch);
    if (backend) backends.set(provider.name, backend);
  }
  return backends;
}
