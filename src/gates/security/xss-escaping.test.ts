import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/** HTML escaping that replaces only the first occurrence (xss-escaping.ts, CWE-116). */

const found = (code: string): string[] =>
  analyzeSource('escape.js', code)
    .filter((f) => f.cwe === 'CWE-116')
    .map((f) => `${f.line}:${f.severity}`);

describe('HTML escaping of the first occurrence only', () => {
  it('reports a string-pattern replace into an entity, alone or in a chain', () => {
    const code = [
      "export const once = (s) => s.replace('<', '&lt;');",
      "export const chain = (s) => s.replace(/&/g, '&amp;').replace('\"', '&quot;');",
    ].join('\n');
    expect(found(code)).toEqual(['1:low', '2:low']);
  });

  it('does not report global replaces, callback maps or replaces that are not escaping', () => {
    const code = [
      "export const all = (s) => s.replaceAll('<', '&lt;').replace(/>/g, '&gt;');",
      'export const mapped = (s) => s.replace(/[&<>"\']/g, (c) => entities[c]);',
      "export const words = (s) => s.replace('<', 'less than');",
      "export const breaks = (s) => s.replace('\\n', '<br>');",
    ].join('\n');
    expect(found(code)).toEqual([]);
  });
});
