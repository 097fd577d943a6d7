import { describe, expect, it } from 'vitest';
import { parseSource } from './ast.js';
import {
  complexityFindings,
  complexityLimits,
  createComplexityGate,
  defaultComplexityLimits,
} from './complexity.js';
import { measureFunctions } from './complexity-metrics.js';

const measure = (code: string) => measureFunctions(parseSource('/p/a.ts', code));

describe('complexity metrics', () => {
  it('counts decision points: if, ?:, case, loops, catch, &&, ||, ??', () => {
    const code = `function f(a: number, b?: string) {
  if (a > 1 && b) return 1;          // if, &&
  const c = a ? 1 : 2;               // ?:
  switch (a) { case 1: break; case 2: break; default: break; } // 2 cases
  for (let i = 0; i < a; i++) {}     // for
  while (a--) {}                      // while
  try { a = 1; } catch { a = 2; }    // catch
  return b ?? (c || 3);               // ??, ||
}`;
    const [f] = measure(code);
    expect(f).toMatchObject({ name: 'f', cyclomatic: 11, params: 2, line: 1, lines: 9 });
  });

  it('measures nested functions on their own and names arrows, methods and class fields', () => {
    const code = `export const outer = (x: number) => {
  const inner = function () { if (x) { return 1; } return 2; };
  return inner();
};
class Repo {
  save(a: number) { return a; }
  handler = () => 1;
  constructor() {}
}
[1].map((n) => n);
`;
    const names = measure(code).map((m) => [m.name, m.cyclomatic]);
    expect(names).toEqual([
      ['outer', 1],
      ['inner', 2],
      ['Repo.save', 1],
      ['Repo.handler', 1],
      ['Repo.constructor', 1],
      ['anonymous function at line 10', 1],
    ]);
  });

  it('measures nesting depth, with else-if not adding a level', () => {
    const code = `function f(a: number[]) {
  for (const x of a) {
    if (x) {
      while (x) {
        try { if (x > 2) {} } finally {}
      }
    } else if (x < 0) {
      if (x < -1) {}
    }
  }
}`;
    expect(measure(code)[0]?.nesting).toBe(5);
  });
});

describe('complexity gate', () => {
  it('names the function and the measured vs allowed value', () => {
    const params = 'a: number, b: number, c: number, d: number, e: number, f: number';
    const findings = complexityFindings(
      '/p/a.ts',
      `function wide(${params}) { return a; }`,
      defaultComplexityLimits,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'parameter-count',
      severity: 'medium',
      line: 1,
      file: '/p/a.ts',
    });
    expect(findings[0]?.message).toBe(
      "Function 'wide' takes 6 parameters (max 5, gates.complexity.maxParams).",
    );
  });

  it('flags long functions with limits taken from options', async () => {
    const body = Array.from({ length: 8 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const code = `export function long() {\n${body}\n  return 0;\n}\n`;
    expect(complexityFindings('/p/a.ts', code, defaultComplexityLimits)).toEqual([]);
    const limits = complexityLimits({ maxFunctionLines: 5, enabled: true });
    expect(limits).toEqual({ ...defaultComplexityLimits, maxFunctionLines: 5 });
    const gate = createComplexityGate();
    const result = await gate.run(
      { root: '/p', files: [{ path: '/p/a.ts', content: code }], options: { maxFunctionLines: 5 } },
      new AbortController().signal,
    );
    expect(result.findings.map((f) => [f.rule, f.line, f.endLine])).toEqual([
      ['function-length', 1, 11],
    ]);
    expect(result.findings[0]?.message).toContain('is 11 lines long (max 5');
  });

  it('does not throw on unparsable code', () => {
    expect(() =>
      complexityFindings('/p/a.ts', 'function (((( {', defaultComplexityLimits),
    ).not.toThrow();
  });
});
