import { describe, expect, it } from 'vitest';
import { hasNestedQuantifier, regexSites } from './redos.js';

describe('hasNestedQuantifier', () => {
  it('flags repeated groups whose body is one repeated atom plus optional ones', () => {
    for (const p of [
      '^([a-z0-9]+\\.?)+@',
      '(\\w+\\s*)*$',
      '^(a+)+$',
      '(?:[^,]*)+x',
      '(\\d+)*',
      '^(\\s*[a-z]+)+$',
    ])
      expect(hasNestedQuantifier(p), p).toBe(true);
  });

  it('leaves unambiguous shapes alone', () => {
    for (const p of [
      '^(\\d+\\.)+\\d+$',
      '^[a-z0-9._-]+@[a-z0-9.-]+$',
      '(ab)+',
      '^(\\d{1,3}\\.){3}\\d{1,3}$',
      '(a|b)+',
      '([a-z]+-[0-9]+)+',
      '\\(a+\\)+',
    ])
      expect(hasNestedQuantifier(p), p).toBe(false);
  });
});

describe('regexSites', () => {
  it('finds literals and RegExp constructions with their lines', () => {
    const text = "const a = /x+/g;\nconst b = new RegExp('(a+)+');\nconst c = RegExp(dynamic);\n";
    expect(regexSites('a.ts', text)).toEqual([
      { line: 1, pattern: 'x+' },
      { line: 2, pattern: '(a+)+' },
    ]);
  });
});
