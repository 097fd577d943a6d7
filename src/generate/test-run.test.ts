import { describe, expect, it } from 'vitest';
import { runInSandbox } from '../sandbox/index.js';
import { combineForTests, runGeneratedTests } from './test-run.js';

const impl = `import { strict as assert } from 'node:assert';

/** Doubles. */
export function double(n: number): number {
  return n * 2;
}

export const half = (n: number): number => n / 2;
export { double as twice };
`;
const tests = `import { strict as assert } from 'node:assert';
import {
  double,
  half as halve,
} from './math.js';

assert.equal(double(2), 4);
console.assert(halve(8) === 4, 'halve');
`;

describe('combineForTests', () => {
  it('joins implementation then tests into one program without relative imports or exports', () => {
    const program = combineForTests([
      { path: 'src/math.test.ts', content: tests },
      { path: 'src/math.ts', content: impl },
    ]);
    expect(program?.language).toBe('ts');
    expect(program?.testFiles).toEqual(['src/math.test.ts']);
    expect(program?.code.indexOf('function double')).toBeLessThan(
      program?.code.indexOf('assert.equal') ?? 0,
    );
    expect(program?.code).not.toMatch(/from '\.\/math\.js'/);
    expect(program?.code).not.toMatch(/^export /m);
    expect(program?.code).toContain('const halve = half;');
    expect(program?.code.match(/from 'node:assert'/g)).toHaveLength(1);
  });

  it('returns null without a test file', () => {
    expect(combineForTests([{ path: 'src/math.ts', content: impl }])).toBeNull();
  });

  it('passes in the real sandbox when the tests hold, and reports the output when not', async () => {
    const good = await runGeneratedTests(
      [
        { path: 'src/math.ts', content: impl },
        { path: 'src/math.test.ts', content: tests },
      ],
      runInSandbox,
    );
    expect(good.findings).toEqual([]);
    const bad = await runGeneratedTests(
      [
        { path: 'src/math.ts', content: impl.replace('n / 2', 'n / 4') },
        { path: 'src/math.test.ts', content: tests },
      ],
      runInSandbox,
    );
    expect(bad.findings).toEqual([
      expect.objectContaining({ gate: 'tests', rule: 'test-failed', file: 'src/math.test.ts' }),
    ]);
    expect(bad.findings[0]?.message).toContain('Assertion failed: halve');
  });

  it('asks for tests when the answer has none', async () => {
    const outcome = await runGeneratedTests([{ path: 'src/math.ts', content: impl }], runInSandbox);
    expect(outcome.findings).toEqual([expect.objectContaining({ rule: 'no-tests' })]);
  });
});

describe('framework-style tests (what the templates ask for)', () => {
  const vitestStyle = `import { describe, expect, it } from 'vitest';
import { double, half } from './math.js';

describe('math', () => {
  it('doubles', () => {
    expect(double(2)).toBe(4);
    expect([double(1), { a: double(0), b: undefined }]).toEqual([2, { a: 0 }]);
    expect(() => JSON.parse('{')).toThrow();
    expect(double(3)).not.toBe(5);
  });
  it('halves', async () => {
    await expect(Promise.resolve(half(8))).resolves.toBe(4);
    expect(half(3)).toBeCloseTo(1.5);
  });
});
`;

  it('runs vitest-style tests through the shim and reports each failing test by name', async () => {
    const files = (implementation: string) => [
      { path: 'src/math.ts', content: implementation },
      { path: 'src/math.test.ts', content: vitestStyle },
    ];
    const good = await runGeneratedTests(files(impl), runInSandbox);
    expect(good).toMatchObject({ findings: [], result: { verdict: 'pass' } });
    const bad = await runGeneratedTests(files(impl.replace('n / 2', 'n / 4')), runInSandbox);
    expect(bad.result?.failedAssertions).toBe(1);
    expect(bad.findings[0]?.message).toContain('math > halves: expected 2 to be 4');
  });
});
