import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/support/seeded-random.js';
import { anthropicPayloadOf, openaiPayloadOf } from './wire-payload.js';
import { anthropicPayload, openaiPayload } from './wire-usage.js';

type Shape = { [field: string]: Shape } | 'leaf';

/** Fields the readers look at, nested as in the wire formats. */
const part = { content: 'leaf', tool_calls: { '[]': { function: { arguments: 'leaf' } } } };
const openaiFields: Shape = {
  choices: { '[]': { delta: part, message: part, text: 'leaf', finish_reason: 'leaf' } },
  usage: {
    prompt_tokens: 'leaf',
    completion_tokens: 'leaf',
    prompt_tokens_details: { cached_tokens: 'leaf' },
  },
  error: { message: 'leaf', type: 'leaf' },
} as Shape;
const usage = {
  input_tokens: 'leaf',
  output_tokens: 'leaf',
  cache_read_input_tokens: 'leaf',
  cache_creation_input_tokens: 'leaf',
};
const anthropicFields: Shape = {
  type: 'leaf',
  message: { usage },
  usage,
  delta: { text: 'leaf', partial_json: 'leaf', stop_reason: 'leaf' },
  content: { '[]': { text: 'leaf', input: 'leaf' } },
  stop_reason: 'leaf',
  error: { message: 'leaf', type: 'leaf' },
} as Shape;

/** A value for `shape`: usually well-formed, sometimes any other JSON type, or absent. */
function valueFor(shape: Shape, next: () => number, depth = 0): unknown {
  const roll = next();
  if (roll < 0.08) return undefined;
  if (roll < 0.14) return null;
  if (roll < 0.17 || depth > 8) return [1, 'text', true, { x: 1 }, []][Math.floor(next() * 5)];
  if (shape === 'leaf') return next() < 0.93 ? `t${Math.floor(next() * 100)}` : next() * 10;
  const itemShape = shape['[]'];
  if (itemShape)
    return Array.from({ length: Math.floor(next() * 3) }, () =>
      valueFor(itemShape, next, depth + 1),
    );
  const out: Record<string, unknown> = { extra: next() };
  for (const [field, inner] of Object.entries(shape)) {
    const value = valueFor(inner, next, depth + 1);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/** What the readers can see of a payload: the listed fields only, as plain JSON. */
function visible(value: unknown, shape: Shape): unknown {
  if (shape === 'leaf' || value === null || typeof value !== 'object') return value;
  const itemShape = shape['[]'];
  if (Array.isArray(value))
    return itemShape ? value.map((item) => visible(item, itemShape)) : value;
  const out: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(shape)) {
    const fieldValue = (value as Record<string, unknown>)[field];
    if (fieldValue !== undefined) out[field] = visible(fieldValue, inner);
  }
  return out;
}

const formats = [
  { name: 'openai', schema: openaiPayload, reader: openaiPayloadOf, fields: openaiFields },
  {
    name: 'anthropic',
    schema: anthropicPayload,
    reader: anthropicPayloadOf,
    fields: anthropicFields,
  },
] as const;

describe.each(formats)('$name payload reader', ({ schema, reader, fields }) => {
  it('accepts exactly what the zod schema accepts, and reads the same fields', () => {
    const next = seededRandom(7);
    let accepted = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const payload = valueFor(fields, next);
      const expected = schema.safeParse(payload);
      const got = reader(payload);
      expect(got !== null, JSON.stringify(payload)).toBe(expected.success);
      if (!expected.success) continue;
      accepted += 1;
      expect(visible(got, fields)).toEqual(visible(expected.data, fields));
    }
    // the generator must produce both outcomes, or the comparison proves nothing
    expect(accepted).toBeGreaterThan(1000);
    expect(accepted).toBeLessThan(19_000);
  });

  it('ignores a payload that is not an object', () => {
    for (const payload of [null, 1, 'text', [], [{ choices: [] }], true]) {
      expect(reader(payload)).toBeNull();
      expect(schema.safeParse(payload).success).toBe(false);
    }
  });
});
