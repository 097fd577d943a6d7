/**
 * A fetch wrapper that makes a truncated SSE stream an error. The AI SDK treats a
 * stream that simply ends as finished; we require the protocol's terminator
 * (`data: [DONE]` for OpenAI, `event: message_stop` for Anthropic) and otherwise
 * error the body with UpstreamBadResponse (retryable) so the iterator throws.
 * A JSON body cut mid-transfer errors with the text that arrived (for metering).
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

/**
 * A 2xx body that breaks off mid-transfer (the connection reset) errors with what
 * had arrived, so metering counts it: the upstream billed those tokens.
 */
function recordingBody(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let received = '';
  return new ReadableStream({
    async pull(controller) {
      try {
        const next = await reader.read();
        if (next.done) return controller.close();
        received += decoder.decode(next.value, { stream: true });
        controller.enqueue(next.value);
      } catch (cause) {
        controller.error(
          new ShipgateError(ErrorCode.UpstreamBadResponse, 'The upstream answer was cut off.', {
            cause,
            retryable: true,
            details: { received: received + decoder.decode() },
          }),
        );
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

export function guardSseFetch(isTerminator: SseTerminator, base?: FetchFunction): FetchFunction {
  return async (input, init) => {
    const response = await (base ?? globalThis.fetch)(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || response.body === null) return response;
    if (!type.includes('text/event-stream')) {
      return new Response(recordingBody(response.body), {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    }
    return new Response(response.body.pipeThrough(terminatorGuard(isTerminator)), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
