import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { parseJsonBody } from './json-body.js';
import { MAX_JSON_DEPTH, jsonDepth } from './json-depth.js';

/** The depth of a parsed value, the slow way: what jsonDepth must agree with. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object')
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('jsonDepth', () => {
  it('counts nested arrays and objects, not brackets inside strings', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('"[[[{{{"')).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":"]]]}}}"}]}')).toBe(3);
    expect(jsonDepth('["\\\\",[["\\"[["]]]')).toBe(3);
    expect(jsonDepth('[[],[[]],[]]')).toBe(3);
  });

  it('agrees with a walk of the parsed value on 2,000 random JSON documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), (value) => {
        const text = JSON.stringify(value);
        expect(jsonDepth(text)).toBe(depthOf(JSON.parse(text)));
      }),
      { numRuns: 2_000, seed: 7 },
    );
  });

  it('stops once past the limit', () => {
    expect(jsonDepth('['.repeat(10_000) + ']'.repeat(10_000), 5)).toBe(6);
  });
});

describe('parseJsonBody nesting limit', () => {
  const nested = (depth: number): Buffer =>
    Buffer.from(`{"model":"m","x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`);

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more with a 400 that says so`, () => {
    expect(() => parseJsonBody(nested(MAX_JSON_DEPTH))).not.toThrow();
    const error = (() => {
      try {
        parseJsonBody(nested(MAX_JSON_DEPTH + 1));
      } catch (thrown) {
        return thrown;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ShipgateError);
    expect((error as ShipgateError).code).toBe(ErrorCode.BadRequest);
    expect((error as ShipgateError).message).toMatch(/more than 256 levels deep/);
  });

  it('costs little on a large ordinary body: 1 MB of prompt text', () => {
    const body = Buffer.from(
      JSON.stringify({
        messages: [{ role: 'user', content: 'a "quoted" [word] '.repeat(55_000) }],
      }),
    );
    const started = performance.now();
    for (let i = 0; i < 10; i += 1) jsonDepth(body.toString());
    expect((performance.now() - started) / 10).toBeLessThan(50);
  });
});
