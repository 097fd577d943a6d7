/**
 * `redact.requests: true` as a provider wrapper: every upstream call made through a
 * provider (the gateway's generate and stream, and the /v1 routes' translated
 * attempts) sends masked messages and returns the restored answer. Streams are
 * restored chunk by chunk, holding back only what could be the start of a
 * placeholder (StreamRestorer). Wrapping the provider — the last step before the
 * wire — means no path that reaches an upstream through a provider can skip it.
 */
import type { GenerateOutput, Provider, ProviderCall, StreamEvent } from '../gateway/types.js';
import type { SecretDetector } from '../secrets/detect.js';
import { redactMessages } from './request-redaction.js';

async function masked(detector: SecretDetector, call: ProviderCall) {
  const { messages, redaction } = await redactMessages(detector, call.request.messages);
  return { call: { ...call, request: { ...call.request, messages } }, redaction };
}

async function* restoreStream(
  events: AsyncIterable<StreamEvent>,
  restorer: { push(text: string): string; flush(): string },
): AsyncGenerator<StreamEvent> {
  for await (const event of events) {
    if (event.type === 'text') {
      const text = restorer.push(event.text);
      if (text !== '') yield { type: 'text', text };
      continue;
    }
    const rest = restorer.flush();
    if (rest !== '') yield { type: 'text', text: rest };
    yield event;
  }
  const rest = restorer.flush();
  if (rest !== '') yield { type: 'text', text: rest };
}

export function redactingProvider(inner: Provider, detector: SecretDetector): Provider {
  return {
    name: inner.name,
    kind: inner.kind,
    async generate(call): Promise<GenerateOutput> {
      const { call: sent, redaction } = await masked(detector, call);
      const output = await inner.generate(sent);
      return redaction.count === 0 ? output : { ...output, text: redaction.restore(output.text) };
    },
    stream(call): AsyncIterable<StreamEvent> {
      return {
        async *[Symbol.asyncIterator]() {
          const { call: sent, redaction } = await masked(detector, call);
          const events = inner.stream(sent);
          if (redaction.count === 0) yield* events;
          else yield* restoreStream(events, redaction.restorer());
        },
      };
    },
  };
}
