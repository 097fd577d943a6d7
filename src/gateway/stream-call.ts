import type { CommittedStream } from './attempts.js';
import type { CachedResponse } from './cache/response-cache.js';
import type { Clock } from './router/attempt.js';
import type { FinishReason, StreamEvent, Usage } from './types.js';

/** How a committed stream ended, handed to the gateway to meter, cache and release. */
export type StreamEnd =
  | { kind: 'done'; text: string; finishReason: FinishReason; ttftMs: number | null }
  | { kind: 'error'; error: unknown; text: string; ttftMs: number | null }
  | { kind: 'cancelled'; text: string; ttftMs: number | null };

export interface PipeStreamOptions {
  committed: CommittedStream;
  clock: Clock;
  startedAt: number;
  /** Stops the upstream when the consumer leaves early. */
  cancel: () => void;
  onEnd: (end: StreamEnd) => void;
}

/**
 * Forwards a committed upstream stream event by event (no buffering), recording
 * usage on the attempt as it passes and reporting exactly one end.
 */
export async function* pipeStream(options: PipeStreamOptions): AsyncGenerator<StreamEvent> {
  const { committed, clock, startedAt } = options;
  let text = '';
  let ttftMs: number | null = null;
  let finishReason: FinishReason = 'stop';
  let ended = false;
  try {
    for (let next = committed.first; !next.done; next = await committed.iterator.next()) {
      const event = next.value;
      if (event.type === 'text') {
        ttftMs ??= clock.now() - startedAt;
        text += event.text;
      } else if (event.type === 'usage') committed.record.usage = event.usage;
      else finishReason = event.finishReason;
      yield event;
    }
    ended = true;
    options.onEnd({ kind: 'done', text, finishReason, ttftMs });
  } catch (error) {
    ended = true;
    options.onEnd({ kind: 'error', error, text, ttftMs });
    throw error;
  } finally {
    if (!ended) {
      options.cancel();
      await committed.iterator.return?.().catch(() => undefined);
      options.onEnd({ kind: 'cancelled', text, ttftMs });
    }
  }
}

/** Replays a cached answer as a stream: text in small chunks, then usage and finish. */
export async function* replayCached(
  entry: CachedResponse,
  chunkChars = 64,
): AsyncGenerator<StreamEvent> {
  for (let i = 0; i < entry.text.length; i += chunkChars) {
    yield { type: 'text', text: entry.text.slice(i, i + chunkChars) };
  }
  const usage: Usage = entry.usage;
  yield { type: 'usage', usage };
  yield { type: 'finish', finishReason: entry.finishReason };
}
