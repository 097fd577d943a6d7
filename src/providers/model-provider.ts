/**
 * The shared body of every AI SDK backed provider: one upstream attempt through a
 * LanguageModelV3 (`doGenerate` / `doStream` directly), mapped to gateway types.
 */
import type { LanguageModelV3, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { ErrorCode, ShipgateError } from '../errors.js';
import type {
  GenerateOutput,
  Provider,
  ProviderCall,
  ProviderKind,
  StreamEvent,
} from '../gateway/types.js';
import { buildCallOptions } from './ai-sdk-call.js';
import { toProviderError } from './map-error.js';
import { createRawUsageTracker, type RawUsageTracker } from './raw-usage.js';
import { toUsage } from './usage.js';

/** Returns the SDK model for a model id; may throw (e.g. a missing API key). */
export type ModelFactory = (modelId: string) => Promise<LanguageModelV3>;

export async function generateWithModel(
  model: ModelFactory,
  call: ProviderCall,
): Promise<GenerateOutput> {
  try {
    const result = await (
      await model(call.model.modelId)
    ).doGenerate(buildCallOptions(call.request, call.signal));
    const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    return { text, usage: toUsage(result.usage), finishReason: result.finishReason.unified };
  } catch (error) {
    throw toProviderError(error, call.signal);
  }
}

function truncated(): ShipgateError {
  return new ShipgateError(
    ErrorCode.UpstreamBadResponse,
    'The upstream stream ended without finishing.',
    { retryable: true },
  );
}

async function* readParts(
  reader: ReadableStreamDefaultReader<LanguageModelV3StreamPart>,
  raw: RawUsageTracker,
  reported: { usage: boolean },
): AsyncGenerator<StreamEvent> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw truncated();
    if (value.type === 'raw') raw.observe(value.rawValue);
    else if (value.type === 'text-delta' && value.delta !== '')
      yield { type: 'text', text: value.delta };
    else if (value.type === 'error') throw value.error;
    else if (value.type === 'finish') {
      const usage = toUsage(value.usage) ?? raw.usage();
      reported.usage = true;
      if (usage) yield { type: 'usage', usage };
      yield { type: 'finish', finishReason: value.finishReason.unified };
      while (!(await reader.read()).done) {
        // drain so the connection ends cleanly
      }
      return;
    }
  }
}

/**
 * Streams one attempt. Breaking out of the for-await, or aborting `call.signal`,
 * aborts the upstream fetch, which closes its socket.
 */
export async function* streamWithModel(
  model: ModelFactory,
  call: ProviderCall,
): AsyncGenerator<StreamEvent> {
  const local = new AbortController();
  const signal = AbortSignal.any([call.signal, local.signal]);
  let reader: ReadableStreamDefaultReader<LanguageModelV3StreamPart> | undefined;
  const raw = createRawUsageTracker();
  const reported = { usage: false };
  try {
    const options = { ...buildCallOptions(call.request, signal), includeRawChunks: true };
    const result = await (await model(call.model.modelId)).doStream(options);
    reader = result.stream.getReader();
    yield* readParts(reader, raw, reported);
  } catch (error) {
    // the upstream reported (and billed) usage before the stream broke: pass it on
    const usage = reported.usage ? null : raw.usage();
    if (usage) yield { type: 'usage', usage };
    throw toProviderError(error, call.signal);
  } finally {
    local.abort();
    reader?.cancel().catch(() => undefined);
  }
}

export function modelProvider(options: {
  name: string;
  kind: ProviderKind;
  model: ModelFactory;
}): Provider {
  const { name, kind, model } = options;
  return {
    name,
    kind,
    generate: (call) => generateWithModel(model, call),
    stream: (call) => streamWithModel(model, call),
  };
}
