import { describe, expect, it } from 'vitest';
import { balanceBrackets } from './bracket-balance.js';
import { openAtEnd, scanBrackets } from './brackets.js';
import { stopAtDedent } from './dedent-stop.js';
import { firstLineOnly, wantsMultiline } from './line-mode.js';
import { postProcess } from './post-process.js';
import { cutRepetition } from './repetition.js';
import { cutAtStop } from './stop-tokens.js';
import { dropSuffixOverlap } from './suffix-overlap.js';

const stop = ['<|endoftext|>', '<|fim_prefix|>', '<|file_sep|>'];

describe('post-processing steps', () => {
  it('cuts at the earliest stop token', () => {
    expect(cutAtStop('a + b<|file_sep|>junk<|endoftext|>', stop)).toBe('a + b');
    expect(cutAtStop('no stop', stop)).toBe('no stop');
  });

  it('decides single vs multi-line from the cursor position', () => {
    expect(wantsMultiline('function f() {\n  ', '\n}')).toBe(true);
    expect(wantsMultiline('function f() {', '}')).toBe(true);
    expect(wantsMultiline('const x = foo(', ');')).toBe(true);
    expect(wantsMultiline('const x = ', ' + y;')).toBe(false);
    expect(wantsMultiline('const x', '')).toBe(false);
    expect(firstLineOnly('a + b\nmore')).toBe('a + b');
    expect(firstLineOnly('\nnext line')).toBe('');
  });

  it('stops at a dedent below the block, keeping a closer the suffix lacks', () => {
    const prefix = 'function f() {\n  ';
    expect(stopAtDedent('return 1;\n}\nfunction g() {}', prefix, '\n')).toBe('return 1;\n}');
    expect(stopAtDedent('return 1;\n}\nfunction g() {}', prefix, '\n}\n')).toBe('return 1;');
    expect(stopAtDedent('a();\n  b();\nc();', prefix, '')).toBe('a();\n  b();');
  });

  it('drops a repeat of the suffix: the rest of the line and whole lines', () => {
    expect(dropSuffixOverlap('a, b);', ');')).toBe('a, b');
    expect(dropSuffixOverlap('g(x)', ')')).toBe('g(x)');
    expect(dropSuffixOverlap('a, b) + c;', ' + c;')).toBe('a, b)');
    expect(dropSuffixOverlap('x = 1;\n  y = 2;', '\n  y = 2;\n}')).toBe('x = 1;');
    expect(dropSuffixOverlap('value', '\n  y = 2;')).toBe('value');
    // a suffix line must match a whole completion line
    expect(dropSuffixOverlap('let xy = 2;', '\ny = 2;')).toBe('let xy = 2;');
  });

  it('balances brackets against the suffix', () => {
    expect(openAtEnd('f(a, [')).toEqual(['(', '[']);
    expect(scanBrackets('"(" + \')\' // )\n/* ] */ x').errorAt).toBe(-1);
    expect(balanceBrackets('b)', 'foo(a, ', ');')).toBe('b');
    expect(balanceBrackets('b)', 'foo(a, ', ';')).toBe('b)');
    expect(balanceBrackets('x }\n}\nfoo();', 'if (a) {\n  ', '')).toBe('x }');
    expect(balanceBrackets('x;\n}\n}', 'if (a) {\n  ', '\n}')).toBe('x;');
  });

  it('cuts repeated lines and looping text', () => {
    expect(cutRepetition('a();\nlog(x);\nlog(x);\nlog(x);\nlog(x);')).toBe('a();\nlog(x);');
    expect(cutRepetition('}\n}\n}')).toBe('}\n}\n}');
    expect(cutRepetition('foo.bar.bar.bar.bar.bar')).toBe('foo.bar');
    expect(cutRepetition('// ==========')).toBe('// ==========');
  });
});

describe('postProcess pipeline', () => {
  it('cleans the usual faults', () => {
    const prefix = 'export function add(a: number, b: number): number {\n  ';
    const suffix = '\n}\n';
    expect(postProcess({ text: 'return a + b;\n}\n<|endoftext|>x', prefix, suffix, stop })).toBe(
      'return a + b;',
    );
    expect(postProcess({ text: 'const s = sum(a, b', prefix: '', suffix: ');\n', stop: [] })).toBe(
      'const s = sum(a, b',
    );
    expect(postProcess({ text: 'b);', prefix: 'sum(a, ', suffix: ');\n', stop })).toBe('b');
  });

  it('an empty or whitespace-only result is no item', () => {
    expect(postProcess({ text: '<|endoftext|>', prefix: 'x', suffix: '', stop })).toBe('');
    expect(postProcess({ text: '   \n ', prefix: 'x = ', suffix: ';', stop })).toBe('');
    expect(postProcess({ text: '\nfoo', prefix: 'a = ', suffix: ' + 1', stop })).toBe('');
  });
});
