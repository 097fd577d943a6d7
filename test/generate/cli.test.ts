import { existsSync, mkdtempSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { runCliCaptured } from '../support/run-cli.js';
import { startFakeOpenAI, type FakeUpstream, type ReplyContext } from '../fake-upstream/index.js';
import { answer, makeProject, removeDir } from './support.js';

const wrong = `/** Parses a port number. */
export function parsePort(text: string): number {
  return text.trim();
}
`;
const right = `/** Parses a port number. */
export function parsePort(text: string): number {
  return Number.parseInt(text.trim(), 10);
}
`;
/** The default template (function) asks for tests: a plain script with console.assert. */
const plainTest = `import { parsePort } from './port.js';

console.assert(parsePort(' 8080 ') === 8080, 'parses a padded port');
`;
/** …or vitest-style tests, as the template's default test framework says. */
const vitestTest = `import { describe, expect, it } from 'vitest';
import { parsePort } from './port.js';

describe('parsePort', () => {
  it('parses a padded port', () => {
    expect(parsePort(' 8080 ')).toBe(8080);
  });
});
`;
const withTest = (impl: string, test = plainTest) =>
  answer(['src/port.ts', impl], ['src/port.test.ts', test]);

describe('shipgate generate', () => {
  let upstream: FakeUpstream;
  let reply: (ctx: ReplyContext) => string = () => '';
  let home: string;
  const projects: string[] = [];

  beforeAll(async () => {
    upstream = await startFakeOpenAI({ reply: (ctx) => reply(ctx) });
    home = mkdtempSync(join(tmpdir(), 'shipgate-gen-cli-'));
  });
  afterAll(async () => {
    await upstream.close();
    removeDir(home);
  });
  afterEach(() => projects.splice(0).forEach(removeDir));

  function project(): string {
    const root = makeProject();
    projects.push(root);
    return root;
  }
  const env = () => ({
    SHIPGATE_HOME: home,
    OPENAI_BASE_URL: upstream.baseUrl,
    OPENAI_API_KEY: 'sk-local',
  });
  const calls = () => upstream.requests.filter((r) => r.path.endsWith('/chat/completions')).length;

  it('repairs a type error from the gate findings and writes the passing file (exit 0)', async () => {
    reply = (ctx) =>
      ctx.lastUserText.includes('TS2322') && ctx.lastUserText.includes('src/port.ts:3')
        ? withTest(right)
        : withTest(wrong);
    const root = project();
    const run = await runCliCaptured(
      ['generate', 'parse a TCP port number from text', '--out', 'src/port.ts'],
      env(),
      root,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(root, 'src/port.ts'), 'utf8')).toBe(right);
    expect(readFileSync(join(root, 'src/port.test.ts'), 'utf8')).toBe(plainTest);
    expect(run.stdout).toMatch(/attempt 1 {2}FAIL {2}typecheck ✗ \(1\)/);
    expect(run.stdout).toMatch(/attempt 2 {2}PASS {2}typecheck ✓ lint ✓ .*tests ✓/);
    expect(run.stdout).toContain('src/port.ts:3 typecheck/TS2322');
    expect(run.stdout).toContain('wrote 2 file(s)');
    // the CLI's runs reach analytics too: first try failed, the repair passed
    const usage = await runCliCaptured(['usage', '--analytics', '--format', 'json'], env(), root);
    expect(usage.code).toBe(0);
    expect(JSON.parse(usage.stdout).generate).toMatchObject({
      runs: 1,
      firstTryPassRate: 0,
      afterRepairPassRate: 1,
    });
  });

  it('prints the whole result as one JSON document and exits 1 without writing when stuck', async () => {
    reply = () => withTest(wrong);
    const root = project();
    const run = await runCliCaptured(
      [
        'generate',
        'parse a port',
        '--out',
        'src/port.ts',
        '--max-attempts',
        '4',
        '--format',
        'json',
      ],
      env(),
      root,
    );
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      passed: false,
      stopReason: 'stuck',
      withTests: true,
      template: { name: 'function', version: expect.any(String), hash: expect.any(String) },
      totals: { attempts: 2, inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
      files: [
        { path: 'src/port.ts', content: wrong },
        { path: 'src/port.test.ts', content: plainTest },
      ],
      written: [],
    });
    expect(result.attempts[0]).toMatchObject({
      attempt: 1,
      verdict: 'fail',
      files: [
        { path: 'src/port.ts', bytes: Buffer.byteLength(wrong) },
        { path: 'src/port.test.ts', bytes: Buffer.byteLength(plainTest) },
      ],
      tests: { verdict: 'fail' },
      tokens: { input: expect.any(Number), output: expect.any(Number) },
      costMicros: expect.any(Number),
      latencyMs: expect.any(Number),
      model: expect.any(String),
      findings: [
        expect.objectContaining({
          gate: 'typecheck',
          rule: 'TS2322',
          file: 'src/port.ts',
          line: 3,
        }),
        expect.objectContaining({ gate: 'tests', rule: 'test-failed', file: 'src/port.test.ts' }),
      ],
    });
    expect(existsSync(join(root, 'src/port.ts'))).toBe(false);
  });

  it('runs the vitest-style tests the default template asks for (project with vitest installed)', async () => {
    reply = (ctx) =>
      ctx.lastUserText.includes('parsePort > parses a padded port: expected')
        ? withTest(right, vitestTest)
        : withTest(right.replace('10);', '16);'), vitestTest);
    const root = project();
    symlinkSync(join(process.cwd(), 'node_modules'), join(root, 'node_modules'));
    const run = await runCliCaptured(
      ['generate', 'parse a port with vitest tests', '--out', 'src/port.ts', '--format', 'json'],
      env(),
      root,
    );
    const result = JSON.parse(run.stdout);
    expect(result.attempts.map((a: { verdict: string }) => a.verdict)).toEqual(['fail', 'pass']);
    expect(result.attempts[0].findings).toEqual([
      expect.objectContaining({ gate: 'tests', rule: 'test-failed', file: 'src/port.test.ts' }),
    ]);
    expect(run.code).toBe(0);
  });

  it('writes a failing result only with --write-anyway, showing live progress on a TTY', async () => {
    reply = () => withTest(wrong);
    const root = project();
    let stdout = '';
    let stderr = '';
    const argv = [
      'generate',
      'parse a port, forced',
      '--out',
      'src/port.ts',
      '--max-attempts',
      '1',
    ];
    const code = await runCli([...argv, '--write-anyway'], {
      stdout: { write: (text) => void (stdout += text), isTTY: false },
      stderr: { write: (text) => void (stderr += text), isTTY: true },
      env: env(),
      cwd: root,
    });
    expect(code).toBe(1);
    expect(readFileSync(join(root, 'src/port.ts'), 'utf8')).toBe(wrong);
    expect(stderr).toContain('attempt 1: calling model…');
    expect(stderr).toContain('attempt 1: typecheck ✗ (1) lint ✓');
    expect(stdout).toContain('FAILED: attempts exhausted');
    expect(stdout).toContain('wrote 2 file(s)');
  });

  it('refuses a target outside the project (.. or an escaping symlink): exit 2, no call, nothing written', async () => {
    const root = project();
    const outside = mkdtempSync(join(tmpdir(), 'shipgate-outside-'));
    projects.push(outside);
    symlinkSync(outside, join(root, 'link'));
    const before = calls();
    for (const out of ['../escape.ts', join(outside, 'abs.ts'), 'link/escape.ts']) {
      const run = await runCliCaptured(['generate', 'anything', '--out', out], env(), root);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/outside the project root/);
      expect(run.stdout).toBe('');
    }
    expect(calls()).toBe(before);
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(join(root, '..', 'escape.ts'))).toBe(false);
  });

  it('exits 2 on usage errors: empty spec, bad --var, no provider (saying how to configure one)', async () => {
    const root = project();
    const empty = await runCliCaptured(['generate', '  '], env(), root);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('spec is empty');
    const badVar = await runCliCaptured(['generate', 'x', '--var', 'novalue'], env(), root);
    expect(badVar.code).toBe(2);
    expect(badVar.stderr).toContain('--var novalue');
    const none = await runCliCaptured(['generate', 'x'], { SHIPGATE_HOME: home }, root);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('OPENAI_API_KEY');
  });
});
