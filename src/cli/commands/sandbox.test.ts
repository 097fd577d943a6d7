import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipgate-sandbox-cli-'));
  await writeFile(join(dir, 'ok.js'), 'console.assert(1 === 1); console.log("hello");\n');
  await writeFile(
    join(dir, 'bad.ts'),
    'const n: number = 1;\nconsole.assert(n === 2);\nconsole.assert(n === 3);\n',
  );
  await writeFile(join(dir, 'loop.mjs'), 'while (true) {}\n');
  await writeFile(join(dir, 'binary.js'), Buffer.from([0x63, 0x00, 0x01, 0x02]));
  await writeFile(join(dir, 'notes.txt'), 'hello');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['sandbox', ...argv], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '' },
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
  });
  return { code, stdout, stderr };
}

describe('shipgate sandbox', () => {
  it('prints exactly the contract JSON and exits 0 on pass', async () => {
    const { code, stdout, stderr } = await cli('--format', 'json', 'ok.js');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const parsed = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual([
      'durationMs',
      'exitCode',
      'failedAssertions',
      'verdict',
    ]);
    expect(parsed).toMatchObject({ verdict: 'pass', exitCode: 0, failedAssertions: 0 });
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 with the failed assertion count for a TypeScript program', async () => {
    const { code, stdout } = await cli('--format', 'json', 'bad.ts');
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ verdict: 'fail', failedAssertions: 2, exitCode: 0 });
  });

  it('exits 1 on timeout and says so in text', async () => {
    const { code, stdout } = await cli('--timeout', '300', 'loop.mjs');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^timeout \(\d+ ms, exit none\) — did not finish within 300 ms/);
    expect(stdout).toContain('isolation: ');
  });

  it('prints the verdict and output tail in text format', async () => {
    const { code, stdout } = await cli('ok.js');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^pass \(/);
    expect(stdout).toContain('--- stdout (tail) ---\nhello');
  });

  it.each([
    [['missing.js'], /no such file/],
    [['.'], /unsupported extension/],
    [['notes.txt'], /unsupported extension/],
    [['binary.js'], /looks binary/],
    [['--timeout', 'abc', 'ok.js'], /--timeout must be a whole number/],
    [['--timeout', '0', 'ok.js'], /--timeout must be a whole number/],
    [['--memory', '1.5', 'ok.js'], /--memory must be a whole number/],
    [['--format', 'xml', 'ok.js'], /Allowed choices are text, json/],
    [[], /missing required argument 'file'/],
  ])('exits 2 with a clear message for %j', async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('exits 2 for a directory', async () => {
    await rm(join(dir, 'folder.js'), { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'folder.js')));
    const { code, stderr } = await cli('folder.js');
    expect(code).toBe(2);
    expect(stderr).toMatch(/not a regular file/);
  });
});
