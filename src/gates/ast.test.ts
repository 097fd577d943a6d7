import { describe, expect, it } from 'vitest';
import ts from '../lib/typescript.cjs';
import { parseSource } from './ast.js';

describe('parseSource', () => {
  it('shares one tree between gates that read the same file, and parses again when it changes', () => {
    const first = parseSource('src/a.ts', 'export const a = 1;\n');
    expect(parseSource('src/a.ts', 'export const a = 1;\n')).toBe(first);
    const changed = parseSource('src/a.ts', 'export const a = 2;\n');
    expect(changed).not.toBe(first);
    expect(changed.text).toBe('export const a = 2;\n');
    expect(parseSource('src/b.ts', 'export const a = 2;\n')).not.toBe(changed);
  });

  it('picks the script kind by extension', () => {
    expect(parseSource('view.tsx', 'export const v = <div />;\n').languageVariant).toBe(
      ts.LanguageVariant.JSX,
    );
    expect(parseSource('view.ts', 'export const v = 1;\n').languageVariant).toBe(
      ts.LanguageVariant.Standard,
    );
  });
});
