import { describe, expect, it } from 'vitest';
import { isPlaceholder, isSequencePieced, isUrn } from './allow-list.js';

describe('isSequencePieced', () => {
  it.each(['abc123xyz456', 'abcd1234', 'xyz789', 'ABC123DEF456'])(
    'takes %s for pieces of sequences',
    (value) => {
      expect(isSequencePieced(value)).toBe(true);
      expect(isPlaceholder(value)).toBe(true);
    },
  );

  it.each([
    ['a piece shorter than three', 'abc123xyz45'],
    ['alternating classes', 'a1b2c3d4'],
    ['a value under six characters', 'abc12'],
    ['a random value', 'kQ3x9Zp2Lm7T'],
  ])('does not take %s for pieces of sequences', (_what, value) => {
    expect(isSequencePieced(value)).toBe(false);
  });

  it('never takes a random draw for pieces of sequences', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let state = 7;
    const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const draws = Array.from({ length: 5000 }, () =>
      Array.from({ length: 12 }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
    );
    expect(draws.filter(isSequencePieced)).toEqual([]);
  });
});

describe('isUrn', () => {
  it('takes URNs for names of resources', () => {
    expect(isUrn('urn:uuid:3f2b8c1e-9d4a-4f6b-8e2c-7a1d5b9c0e4f')).toBe(true);
    expect(isUrn('urn:ietf:rfc:2648')).toBe(true);
    expect(isUrn('3f2b8c1e-9d4a-4f6b-8e2c-7a1d5b9c0e4f')).toBe(false);
    expect(isUrn('urn:uuid: with spaces')).toBe(false);
  });
});
