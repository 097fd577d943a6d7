/**
 * A fetch wrapper that makes a truncated SSE stream an error. The AI SDK treats a
 * stream that simply ends as finished; we require the protocol's terminator
 * (`data: [DONE]` for OpenAI, `event: message_stop` for Anthropic) and otherwise
 * error the body with UpstreamBadResponse (retryable) so the iterator throws.
 */
import { ErrorCode, ShipgateError } from '../errors.js';

export type FetchFunction = typeof globalThis.fetch;

/** True for the SSE line (without its line break) that ends a complete stream. */
export type SseTerminator = (line: string) => boolean;

export const openAITerminator: SseTerminator = (line) => /^data:\s*\[DONE\]\s*$/.test(line);

export const anthropicTerminator: SseTerminator = (line) =>
  /^event:\s*message_stop\s*$/.test(line) || /^data:\s*\{\s*"type"\s*:\s*"message_stop"/.test(line);

/** Longest line prefix kept while scanning; longer lines cannot be a terminator. */
const maxScannedLine = 256;

function terminatorGuard(isTerminator: SseTerminator): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  let line = '';
  let seen = false;
  const scan = (text: string): void => {
    const parts = text.split('\n');
    for (let i = 0; i < parts.length && !seen; i += 1) {
      line = (line + (parts[i] ?? '')).slice(0, maxScannedLine);
      if (i === parts.length - 1) return;
      if (isTerminator(line.replace(/\r$/, ''))) seen = true;
      line = '';
    }
  };
  return new TransformStream({
    transform(chunk, controller) {
      if (!seen) scan(decoder.decode(chunk, { stream: true }));
      controller.enqueue(chunk);
    },
    flush() {
      if (!seen) scan(`${decoder.decode()}\n`);
      if (!seen) {
        throw new ShipgateError(
          ErrorCode.UpstreamBadResponse,
          'The upstream stream ended before its terminator (truncated SSE).',
          { retryable: true },
        );
      }
    },
  });
}

export function guardSseFetch(isTerminator: SseTerminator, base?: FetchFunction): FetchFunction {
  return async (input, init) => {
    const response = await (base ?? globalThis.fetch)(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || response.body === null || !type.includes('text/event-stream')) {
      return response;
    }
    return new Response(response.body.pipeThrough(terminatorGuard(isTerminator)), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
