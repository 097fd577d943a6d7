import { describe, expect, it } from 'vitest';
import {
  hasLongRun,
  implausibleBody,
  isLowVariety,
  isPeriodic,
  isRunHeavy,
  isSingleClass,
  isWordLike,
} from './token-shape.js';

/** A seeded draw from an alphabet, like a key generator's output. */
function draws(alphabet: string, length: number, count: number, seed = 1): string[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''),
  );
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('isWordLike', () => {
  it.each([
    'your_gitlab_token_here',
    'ACCESS_TOKEN_GOES_HERE',
    'listIssuesInJiraBoardByLabel',
    'ghp_your_token_here',
    'WITH_REPLACE',
    'loadReplaceKeyValueAccessHereHereR',
    'ghs_SomeInstallationAccessToken000000',
    'MyExampleTokenZZZZ',
  ])('takes %s for words', (value) => {
    expect(isWordLike(value)).toBe(true);
  });

  it.each([
    ['a value with a digit', 'your_token_here2'],
    ['one word', 'placeholder'],
    ['a short value', 'a_b'],
    ['mixed-case noise', 'kQwErTyUiOpAsDfGh'],
    ['segments without vowels', 'xyz_qrst_bcdf'],
    ['noise before padding', 'kQwErTyUiOpAsDfGh0000'],
    ['one word before padding', 'Token00000000'],
  ])('does not take %s for words', (_what, value) => {
    expect(isWordLike(value)).toBe(false);
  });

  it('almost never takes a random token for words, padded or not', () => {
    const tokens = draws(`${ALNUM}_-`, 24, 2000).flatMap((t) => [t, `${t}0000`]);
    expect(tokens.filter(isWordLike).length).toBeLessThanOrEqual(4);
  });
});

describe('runs, variety and classes', () => {
  it('finds a character repeated over a quarter of the value', () => {
    expect(hasLongRun('AAAAAAAAAAAAAAAA')).toBe(true);
    expect(hasLongRun(`k7Q${'0'.repeat(12)}z`)).toBe(true);
    // Eight `A`s in a long base64 blob are structure, not a placeholder.
    expect(hasLongRun(`${draws(ALNUM, 60, 1)[0]}AAAAAAAA${draws(ALNUM, 60, 1, 2)[0]}`)).toBe(false);
  });

  it('finds too few distinct characters for the length', () => {
    expect(isLowVariety('abababababababababababababababab')).toBe(true);
    expect(isLowVariety('k7Qk7Qk7Qk7Qk7Qk7Qk7Qk7Qk7Qk7Qk7Qk7Q')).toBe(true);
    expect(isLowVariety(draws('0123456789abcdef', 32, 1)[0] ?? '')).toBe(false);
  });

  it('finds one character class over 20 characters', () => {
    expect(isSingleClass('NOTHINGBUTCAPITALLETTERSHERE')).toBe(true);
    expect(isSingleClass('nothingbutsmallletterswritten')).toBe(true);
    expect(isSingleClass('123456789012345678901234')).toBe(true);
    expect(isSingleClass('SHORTUPPER')).toBe(false);
    expect(isSingleClass('MixedCaseAndDigits12345')).toBe(false);
  });

  it('lets random bodies of real formats through', () => {
    const bodies = [
      ...draws(ALNUM, 36, 500),
      ...draws('0123456789abcdef', 32, 500, 3),
      ...draws('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 500, 4),
    ];
    expect(bodies.filter(implausibleBody)).toEqual([]);
  });
});

describe('values typed to fill a length', () => {
  it.each(['0123456789abcdef0123456789abcdef01', 'Ab1!Ab1!Ab1!Ab1!Ab1!', 'k7Qz3fk7Qz3fk7Qz3fk7'])(
    'takes %s for a repeated unit',
    (value) => {
      expect(isPeriodic(value)).toBe(true);
    },
  );
  it.each(['aaaa1111bbbb2222cccc3333', 'QQQQQQQzR7777777wwwwwwx'])(
    'takes %s for blocks of runs',
    (value) => {
      expect(isRunHeavy(value)).toBe(true);
    },
  );
  it('does not take a unit repeated less than twice, or short values, for either', () => {
    expect(isPeriodic('k7Qz3fHw9Lk7Qz3fHw9')).toBe(false);
    expect(isPeriodic('abcabcabcab')).toBe(false);
    expect(isRunHeavy('aaa1bbb2')).toBe(false);
  });
  it('rejects at most 0.1 % of random tokens, hex or base 62', () => {
    const tokens = [
      ...draws(ALNUM, 16, 2000, 5),
      ...draws(ALNUM, 40, 2000, 6),
      ...draws('0123456789abcdef', 16, 2000, 7),
      ...draws('0123456789abcdef', 40, 2000, 8),
    ];
    const rejected = tokens.filter((t) => isPeriodic(t) || isRunHeavy(t));
    expect(rejected.length).toBeLessThanOrEqual(tokens.length / 1000);
  });
});
