import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestsGate } from './tests.js';
import type { GateContext } from './types.js';

const mathSource = `export const add = (a, b) => a + b;
export const sub = (a, b) => a + b; // bug
export function unused(x) {
  if (x > 1) {
    return 'big';
  }
  return 'small';
}
`;
const mathTest = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add, sub } from './math.js';

test('adds', () => {
  assert.equal(add(2, 2), 4);
});

test('subtracts', () => {
  assert.equal(sub(5, 3), 2);
});
`;

let root: string;

async function project(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

function context(
  dir: string,
  files: string[],
  options: Record<string, unknown> = {},
  content?: string,
): GateContext {
  return {
    root: dir,
    files: files.map((file, index) => ({
      path: join(dir, file),
      content: index === 0 && content !== undefined ? content : mathSource,
    })),
    options,
    trust: 'project',
  };
}

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'shipgate-tests-gate-')));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('tests gate with node:test', () => {
  it('reports each failing test with its assertion, and low coverage of the changed file', async () => {
    const dir = await project('node-fail', {
      'package.json': '{"type":"module"}',
      'src/math.js': mathSource,
      'src/math.test.js': mathTest,
    });
    const result = await createTestsGate().run(
      context(dir, ['src/math.js'], { coverageThreshold: 95 }),
      new AbortController().signal,
    );
    expect(result.verdict).toBe('fail');
    const failed = result.findings.filter((f) => f.rule === 'test-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      severity: 'high',
      file: join(dir, 'src/math.test.js'),
      line: 9,
    });
    expect(failed[0]?.message).toMatch(/^subtracts: Expected values to be strictly equal/);
    const coverage = result.findings.filter((f) => f.rule === 'coverage-below-threshold');
    expect(coverage).toHaveLength(1);
    expect(coverage[0]).toMatchObject({ severity: 'medium', file: join(dir, 'src/math.js') });
    expect(coverage[0]?.message).toMatch(/line coverage \d+\.\d% is below the 95% threshold/);
    expect(result.reason).toBe('node:test: 2 test(s) in 1 file(s)');
  });

  it('runs the in-memory version of a changed file, not the one on disk', async () => {
    const dir = await project('node-overlay', {
      'package.json': '{"type":"module"}',
      'src/math.js': mathSource,
      '__tests__/math.test.js': mathTest.replace("'./math.js'", "'../src/math.js'"),
    });
    const fixed = mathSource.replace('a + b; // bug', 'a - b;');
    const result = await createTestsGate().run(
      context(dir, ['src/math.js'], { coverageThreshold: 30 }, fixed),
      new AbortController().signal,
    );
    expect(result.findings).toEqual([]);
    expect(result.verdict).toBe('pass');
  });

  it('skips, with a reason, when no test touches the changed files', async () => {
    const dir = await project('node-none', { 'package.json': '{}', 'src/math.js': mathSource });
    const result = await createTestsGate().run(
      context(dir, ['src/math.js']),
      new AbortController().signal,
    );
    expect(result).toMatchObject({
      verdict: 'skip',
      reason: 'no tests found for the changed files',
      findings: [],
    });
  });

  it('stops the runner when the signal aborts', async () => {
    const dir = await project('node-hang', {
      'package.json': '{"type":"module"}',
      'src/math.js': mathSource,
      'src/math.test.js': `import { test } from 'node:test';\nimport './math.js';\ntest('hangs', () => { while (true) {} });\n`,
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const started = performance.now();
    await expect(
      createTestsGate().run(context(dir, ['src/math.js']), controller.signal),
    ).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('tests gate with the project vitest', () => {
  it('runs vitest with v8 coverage of the changed file', async () => {
    const dir = await project('vitest-fail', {
      'package.json': '{"type":"module","devDependencies":{"vitest":"4.1.12"}}',
      'vitest.config.js': 'export default { test: {} };\n',
      'src/math.js': mathSource,
      'src/math.test.js': `import { expect, test } from 'vitest';\nimport { add, sub } from './math.js';\ntest('adds', () => expect(add(1, 1)).toBe(2));\ntest('subtracts', () => expect(sub(5, 3)).toBe(2));\n`,
    });
    await symlink(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
    const result = await createTestsGate().run(
      context(dir, ['src/math.js']),
      new AbortController().signal,
    );
    expect(result.reason).toBe('vitest: 2 test(s) in 1 file(s)');
    expect(result.verdict).toBe('fail');
    const failed = result.findings.filter((f) => f.rule === 'test-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toMatch(/^subtracts: .*expected 8 to be 2/);
    expect(
      result.findings.some(
        (f) => f.rule === 'coverage-below-threshold' && f.file === join(dir, 'src/math.js'),
      ),
    ).toBe(true);
  });
});

describe('tests gate on untrusted input (issue 9.1)', () => {
  const untrusted = (dir: string, files: Record<string, string>): GateContext => ({
    root: dir,
    files: Object.entries(files).map(([path, content]) => ({ path: join(dir, path), content })),
    options: {},
  });

  it('runs submitted tests in the jail: a test writing outside it cannot, and the verdict still counts', async () => {
    const dir = await project('untrusted', { 'package.json': '{"type":"module"}' });
    const outside = join(root, `escaped-${process.pid}.txt`);
    const result = await createTestsGate().run(
      untrusted(dir, {
        'src/math.ts': 'export const add = (a: number, b: number): number => a + b;\n',
        'src/math.test.ts': `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { add } from './math.js';
test('adds', () => assert.equal(add(2, 2), 4));
test('escapes', () => { writeFileSync(${JSON.stringify(outside)}, 'pwned'); });
`,
      }),
      new AbortController().signal,
    );
    expect(existsSync(outside)).toBe(false);
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/sandbox jail: 2 test\(s\) in 1 file/);
    const failure = result.findings.find((f) => f.rule === 'test-failed');
    expect(failure?.message).toMatch(/escapes: .*(ERR_ACCESS_DENIED|denied|restricted)/i);
    expect(failure?.file).toBe(join(dir, 'src/math.test.ts'));
  });

  it("never runs the host project's own tests for untrusted input", async () => {
    const marker = join(root, `host-test-ran-${process.pid}.txt`);
    const dir = await project('untrusted-host', {
      'package.json': '{"type":"module"}',
      'src/math.test.js': `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\n`,
    });
    const result = await createTestsGate().run(
      untrusted(dir, { 'src/math.js': mathSource }),
      new AbortController().signal,
    );
    expect(result.verdict).toBe('skip');
    expect(existsSync(marker)).toBe(false);
  });
});
