/**
 * One FIM attempt against an OpenAI-compatible server's legacy `/completions`
 * (llama.cpp, vLLM, TGI, Ollama): the raw prompt, greedy decoding, the family's
 * stop tokens. Failures are classified like every other provider call.
 */
import { request } from 'undici';
import { z } from 'zod';
import type { ResolvedProvider } from '../config/load.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { FinishReason, Usage } from '../gateway/types.js';
import { toProviderError } from '../providers/map-error.js';
import { openAIDefaultBaseUrl } from '../providers/openai.js';
import { upstreamStatusError } from '../providers/status-error.js';

export interface FimCall {
  /** The alias being served (the embedded engine finds its GGUF file by it). */
  alias: string;
  modelId: string;
  /** The family template's raw prompt (what HTTP upstreams get). */
  prompt: string;
  /** Prefix (with the path header) and suffix, for engines that add FIM tokens themselves. */
  infill: { prefix: string; suffix: string };
  maxTokens: number;
  stop: string[];
  signal: AbortSignal;
}

export interface FimOutput {
  text: string;
  finishReason: FinishReason;
  usage: Usage | null;
}

/** What a provider needs to serve a raw FIM prompt (HTTP here; the embedded engine's infill). */
export type FimEngine = (call: FimCall) => Promise<FimOutput>;

const responseSchema = z.object({
  choices: z.array(z.object({ text: z.string(), finish_reason: z.string().nullish() })).min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish(),
});

const maxBody = 1024 * 1024;

function finishOf(reason: string | null | undefined): FinishReason {
  if (reason === 'length') return 'length';
  if (reason === 'stop' || reason === 'eos' || reason == null) return 'stop';
  return 'other';
}

function endpointOf(provider: ResolvedProvider): string {
  const base = provider.baseUrl ?? (provider.kind === 'openai' ? openAIDefaultBaseUrl : undefined);
  if (!base)
    throw new ShipgateError(
      ErrorCode.ConfigInvalid,
      `provider "${provider.name}" has no baseUrl; set providers.${provider.name}.baseUrl (e.g. http://127.0.0.1:8080/v1)`,
    );
  return `${base.replace(/\/+$/, '')}/completions`;
}

function parseAnswer(text: string): FimOutput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ShipgateError(ErrorCode.UpstreamBadResponse, 'the upstream answered invalid JSON', {
      cause,
      retryable: true,
    });
  }
  const parsed = responseSchema.safeParse(json);
  if (!parsed.success)
    throw new ShipgateError(
      ErrorCode.UpstreamBadResponse,
      'the upstream answer has no choices[0].text (is this an OpenAI-compatible /completions endpoint?)',
      { retryable: true },
    );
  const { choices, usage } = parsed.data;
  const choice = choices[0] as (typeof choices)[number];
  return {
    text: choice.text,
    finishReason: finishOf(choice.finish_reason),
    usage: usage
      ? {
          inputTokens: usage.prompt_tokens,
          outputTokens: usage.completion_tokens,
          cachedInputTokens: 0,
          estimated: false,
        }
      : null,
  };
}

/** A FimEngine over HTTP for an `openai` or `openai-compatible` provider. */
export function httpFimEngine(provider: ResolvedProvider): FimEngine {
  const url = endpointOf(provider);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...provider.headers,
    ...(provider.apiKey ? { authorization: `Bearer ${provider.apiKey}` } : {}),
  };
  return async (call) => {
    const body = JSON.stringify({
      model: call.modelId,
      prompt: call.prompt,
      max_tokens: call.maxTokens,
      temperature: 0,
      stream: false,
      // OpenAI's own API takes at most 4; the post-processing cuts at every stop anyway.
      stop: provider.kind === 'openai' ? call.stop.slice(0, 4) : call.stop,
    });
    try {
      const res = await request(url, { method: 'POST', headers, body, signal: call.signal });
      const text = await res.body.text();
      if (text.length > maxBody)
        throw new ShipgateError(ErrorCode.UpstreamBadResponse, 'the upstream answer is too large');
      if (res.statusCode < 200 || res.statusCode >= 300) {
        throw upstreamStatusError({
          status: res.statusCode,
          headers: res.headers as Record<string, string | undefined>,
          body: text,
        });
      }
      return parseAnswer(text);
    } catch (error) {
      throw toProviderError(error, call.signal);
    }
  };
}
