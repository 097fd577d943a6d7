import { describe, expect, it } from 'vitest';
import { canonicalJson, toJsonValue } from './canonical-json.js';

describe('canonical JSON', () => {
  it('sorts keys at every level and drops what JSON cannot hold', () => {
    const value = { b: 1, a: { d: [3, undefined], c: 'x' }, f: () => 1, n: Number.NaN, big: 10n };
    expect(canonicalJson(value)).toBe('{"a":{"c":"x","d":[3,null]},"b":1,"big":"10","n":null}');
  });

  it('gives the same text for the same value built in another order', () => {
    expect(canonicalJson({ x: 1, y: { q: 2, p: 1 } })).toBe(
      canonicalJson({ y: { p: 1, q: 2 }, x: 1 }),
    );
  });

  it('marks a cycle, at any depth, as [Circular]', () => {
    const root: Record<string, unknown> = { name: 'root' };
    root.self = root;
    root.list = [{ back: root }];
    expect(toJsonValue(root)).toEqual({
      list: [{ back: '[Circular]' }],
      name: 'root',
      self: '[Circular]',
    });
  });

  it('copies an object met twice outside its own path in full each time', () => {
    const shared = { k: 1 };
    expect(toJsonValue({ a: shared, b: [shared, shared] })).toEqual({
      a: { k: 1 },
      b: [{ k: 1 }, { k: 1 }],
    });
  });

  it('writes dates as ISO text, and an invalid date as null', () => {
    expect(toJsonValue({ at: new Date(0), bad: new Date(Number.NaN) })).toEqual({
      at: '1970-01-01T00:00:00.000Z',
      bad: null,
    });
  });
});
