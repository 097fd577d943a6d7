import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/support/seeded-random.js';
import { isPlainChatRequest } from './chat-request-check.js';
import { chatCompletionRequestSchema } from './openai.js';

/** Values near and across each field's limits, and of the wrong JSON types. */
const numbers = [0, 1, 2, 0.5, 1.5, -1, 128, 129, 10_000_000, 10_000_001, 2 ** 53, 1e300, 3.7];
const strings = ['', 'x', 'gpt-4o-mini', 'user', 'system', 'tool', 'robot', 'text', 'json_object'];
const others = [null, true, false, [], {}, [1], [{ x: 1 }], ['a', 'b'], ['a', 'b', 'c', 'd', 'e']];

function pick<T>(values: readonly T[], next: () => number): T {
  return values[Math.floor(next() * values.length)] as T;
}

function anyValue(next: () => number): unknown {
  const roll = next();
  if (roll < 0.35) return pick(numbers, next);
  if (roll < 0.7) return pick(strings, next);
  if (roll < 0.8) return 'm'.repeat(pick([255, 256, 257], next));
  return pick(others, next);
}

/**
 * A field: mostly well-formed (`good`), sometimes absent, now and then any other value;
 * rare enough that a body often has just one bad field, so each field's limits matter.
 */
function field(good: () => unknown, next: () => number): unknown {
  const roll = next();
  if (roll < 0.3) return undefined;
  if (roll < 0.96) return good();
  return anyValue(next);
}

function message(next: () => number): unknown {
  if (next() < 0.02) return anyValue(next);
  const part = () => ({ type: field(() => 'text', next) ?? 'text', text: field(() => 'hi', next) });
  const out: Record<string, unknown> = {
    role:
      next() < 0.9
        ? pick(['user', 'system', 'assistant', 'tool', 'developer'], next)
        : anyValue(next),
    content: field(() => (next() < 0.6 ? 'hello' : [part(), part()]), next),
    name: field(() => 'n', next),
    tool_calls: field(() => [{ id: 'c' }], next),
    tool_call_id: field(() => 'c', next),
  };
  return out;
}

function body(next: () => number): Record<string, unknown> {
  return {
    model: next() < 0.95 ? 'gpt-4o-mini' : anyValue(next),
    messages:
      next() < 0.95
        ? Array.from({ length: Math.floor(next() * 3) }, () => message(next))
        : anyValue(next),
    stream: field(() => next() < 0.5, next),
    stream_options: field(() => ({ include_usage: field(() => true, next), extra: 1 }), next),
    max_tokens: field(() => pick([1, 100, 10_000_000], next), next),
    max_completion_tokens: field(() => 64, next),
    temperature: field(() => pick([0, 0.7, 2], next), next),
    top_p: field(() => pick([0, 0.9, 1], next), next),
    n: field(() => pick([1, 2, 128], next), next),
    stop: field(() => (next() < 0.5 ? '\n' : ['a', 'b']), next),
    seed: field(() => 42, next),
    user: field(() => 'alice', next),
    tools: field(() => [{ type: 'function', function: { name: 'f' } }], next),
    tool_choice: field(() => 'auto', next),
    response_format: field(
      () => ({ type: pick(['text', 'json_object', 'json_schema'], next) }),
      next,
    ),
    vendor_field: field(() => ({ anything: true }), next),
  };
}

/** JSON round trip: the handler sees parsed JSON, where undefined fields do not exist. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('the chat request check', () => {
  it('accepts only what the zod schema accepts, which returns the body unchanged', () => {
    const next = seededRandom(11);
    let accepted = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const candidate = asJson(body(next));
      const parsed = chatCompletionRequestSchema.safeParse(candidate);
      expect(isPlainChatRequest(candidate), JSON.stringify(candidate)).toBe(parsed.success);
      if (!parsed.success) continue;
      accepted += 1;
      expect(parsed.data).toEqual(candidate);
    }
    // both outcomes must occur, or the comparison proves nothing
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(19_000);
  });

  it('rejects what is not a request object', () => {
    for (const candidate of [null, 'text', 1, [], [{ model: 'm', messages: [] }]])
      expect(isPlainChatRequest(candidate)).toBe(false);
  });
});
