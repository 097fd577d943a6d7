import { ErrorCode, ShipgateError } from '../../errors.js';
import type { GenerateOutput, Provider, ProviderCall, StreamEvent, Usage } from '../types.js';

/** One scripted answer: a reply, an error, or a wait (to exercise deadlines). */
export type Step =
  | { reply: string; usage?: Usage | null; chunks?: number }
  | { error: ShipgateError }
  | { hangMs: number };

export interface ScriptedProvider extends Provider {
  calls: ProviderCall[];
  /** Steps per model id, consumed in order; when empty, replies "ok". */
  script: Map<string, Step[]>;
}

export function usage(input: number, output: number, cached = 0): Usage {
  return { inputTokens: input, outputTokens: output, cachedInputTokens: cached, estimated: false };
}

export function upstreamError(status: number, retryAfterMs?: number): ShipgateError {
  const code = status === 429 ? ErrorCode.UpstreamRateLimited : ErrorCode.UpstreamError;
  return new ShipgateError(code, `upstream answered ${status}`, {
    retryable: status === 429 || status >= 500,
    upstreamStatus: status,
    retryAfterMs,
  });
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new ShipgateError(ErrorCode.Aborted, 'aborted'));
      },
      { once: true },
    );
  });
}

/**
 * An in-process provider for tests of the layers above providers (router, cache,
 * metering), in the spirit of the AI SDK's MockLanguageModel: scripted, and it
 * records every call. Wire formats are tested against real local servers instead.
 */
export function createScriptedProvider(name = 'scripted'): ScriptedProvider {
  const script = new Map<string, Step[]>();
  const calls: ProviderCall[] = [];
  async function next(
    call: ProviderCall,
  ): Promise<{ reply: string; usage: Usage | null; chunks: number }> {
    calls.push(call);
    const step = script.get(call.model.modelId)?.shift() ?? { reply: 'ok' };
    if ('error' in step) throw step.error;
    if ('hangMs' in step) {
      await wait(step.hangMs, call.signal);
      return { reply: 'late', usage: usage(1, 1), chunks: 1 };
    }
    return {
      reply: step.reply,
      usage: step.usage === undefined ? usage(10, 5) : step.usage,
      chunks: step.chunks ?? 3,
    };
  }
  return {
    name,
    kind: 'openai-compatible',
    calls,
    script,
    async generate(call): Promise<GenerateOutput> {
      const { reply, usage: u } = await next(call);
      return { text: reply, usage: u, finishReason: 'stop' };
    },
    async *stream(call): AsyncIterable<StreamEvent> {
      const { reply, usage: u, chunks } = await next(call);
      const size = Math.ceil(reply.length / chunks) || 1;
      for (let i = 0; i < reply.length; i += size)
        yield { type: 'text', text: reply.slice(i, i + size) };
      if (u) yield { type: 'usage', usage: u };
      yield { type: 'finish', finishReason: 'stop' };
    },
  };
}
