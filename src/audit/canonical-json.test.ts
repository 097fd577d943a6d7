import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/support/seeded-random.js';
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

  it('orders keys as a full sort would, whether or not they arrive sorted (2,000 objects)', () => {
    const random = seededRandom(42);
    const alphabet = ['a', 'B', 'é', '😀', '_', '0', '9', '10', ' ', 'Z'];
    const key = (): string =>
      Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(alphabet, random)).join('');
    for (let i = 0; i < 2_000; i += 1) {
      const keys = [...new Set(Array.from({ length: Math.floor(random() * 8) }, key))];
      if (random() < 0.5) keys.sort();
      const value = Object.fromEntries(keys.map((k, n) => [k, n]));
      const sortedByFullSort = Object.keys(value).sort();
      const reference = `{${sortedByFullSort.map((k) => `${JSON.stringify(k)}:${value[k]}`).join(',')}}`;
      // JSON.stringify writes integer-like keys first, as the engine orders them
      expect(canonicalJson(value)).toBe(JSON.stringify(JSON.parse(reference)));
    }
  });
});

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}
