/**
 * Issue 9.1: nothing a client sends to POST /api/validate runs outside the sandbox jail,
 * and a client cannot widen what the server's config allows. Each test is an exploit that
 * worked before the fix.
 */
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let scratch: string;
let project: string;
let enabled: Harness;
let disabled: Harness;

beforeAll(async () => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'sg-validate-exploit-')));
  project = realpathSync(mkdtempSync(join(tmpdir(), 'sg-validate-root-')));
  writeFileSync(join(project, 'package.json'), '{"type":"module"}');
  enabled = await startHarness({
    cwd: project,
    config: { gates: { tests: { enabled: true, timeoutMs: 20_000 } } },
  });
  disabled = await startHarness({ cwd: project });
});

afterAll(async () => {
  await Promise.all([enabled.close(), disabled.close()]);
  rmSync(scratch, { recursive: true, force: true });
  rmSync(project, { recursive: true, force: true });
});

const post = (h: Harness, payload: unknown) =>
  h.app.inject({ method: 'POST', url: '/api/validate', payload: payload as object });

describe('POST /api/validate is untrusted input', () => {
  it('runs a submitted test file in the jail: writing outside it fails (tests gate enabled)', async () => {
    const outside = join(scratch, 'written-by-test.txt');
    const test = `import { test } from 'node:test';
import { writeFileSync } from 'node:fs';
test('writes', () => { writeFileSync(${JSON.stringify(outside)}, 'pwned'); });
`;
    const response = await post(enabled, {
      files: [
        { path: 'src/a.test.mjs', content: test },
        { path: 'src/a.mjs', content: 'export const a = 1;\n' },
      ],
      gates: ['tests'],
    });
    expect(response.statusCode).toBe(200);
    expect(existsSync(outside)).toBe(false);
    const body = response.json() as { passed: boolean; gates: { gate: string; reason?: string }[] };
    expect(body.passed).toBe(false);
    expect(body.gates[0]?.reason).toContain('sandbox jail');
    expect(existsSync(join(project, 'src'))).toBe(false);
  });

  it('refuses a gate the server config disabled, naming it', async () => {
    const marker = join(scratch, 'disabled-gate-ran.txt');
    const response = await post(disabled, {
      files: [
        {
          path: 'x.test.js',
          content: `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n`,
        },
      ],
      gates: ['tests'],
    });
    expect(response.statusCode).toBe(403);
    const error = (response.json() as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('tests');
    expect(error.message).toContain('gates.tests.enabled');
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a client root, so a config planted elsewhere is never loaded', async () => {
    const planted = realpathSync(mkdtempSync(join(scratch, 'planted-')));
    const marker = join(scratch, 'planted-config-ran.txt');
    writeFileSync(
      join(planted, 'eslint.config.mjs'),
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'x');\nexport default [];\n`,
    );
    const response = await post(disabled, {
      files: [{ path: 'a.js', content: 'export const a = 1;\n' }],
      gates: ['lint'],
      root: planted,
    });
    expect(response.statusCode).toBe(400);
    expect((response.json() as { error: { message: string } }).error.message).toContain('root');
    expect(existsSync(marker)).toBe(false);
  });

  it('never loads a submitted eslint.config.js', async () => {
    const marker = join(scratch, 'submitted-config-ran.txt');
    const response = await post(disabled, {
      files: [
        {
          path: 'eslint.config.js',
          content: `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\nmodule.exports = [];\n`,
        },
        { path: 'a.ts', content: 'export const a: number = 1;\n' },
      ],
      gates: ['lint'],
    });
    expect(response.statusCode).toBe(200);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(project, 'eslint.config.js'))).toBe(false);
  });

  it('caps file count and total bytes with 413', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ path: `f${i}.ts`, content: '1;\n' }));
    const tooMany = await post(disabled, { files: many, gates: ['complexity'] });
    expect(tooMany.statusCode).toBe(413);
    expect((tooMany.json() as { error: { message: string } }).error.message).toMatch(/at most 100/);
    const big = 'x'.repeat(1024 * 1024);
    const tooBig = await post(disabled, {
      files: [
        { path: 'a.ts', content: big },
        { path: 'b.ts', content: big },
        { path: 'c.ts', content: big },
      ],
      gates: ['complexity'],
    });
    expect(tooBig.statusCode).toBe(413);
  });
});
