import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { createCliContext } from '../context.js';
import { captureOutput, runCliCaptured } from '../../../test/support/run-cli.js';
import { registerRedactCommand } from './redact.js';

const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
const mix = (n: number): string =>
  Array.from({ length: n }, (_, i) => pool[(i * 7) % pool.length]).join('');
const token = `ghp_${mix(36)}`;
const dir = mkdtempSync(join(tmpdir(), 'shipgate-redact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (argv: string[]) => runCliCaptured(argv, {}, dir);

const file = (name: string, content: string | Buffer): string => {
  writeFileSync(join(dir, name), content);
  return name;
};

describe('shipgate redact', () => {
  it('prints the redacted text on stdout and a summary on stderr (exit 0)', async () => {
    const input = file('config.ts', `export const token = '${token}';\n`);
    const out = await cli(['redact', input]);
    expect(out).toEqual({
      code: 0,
      stdout: "export const token = '[REDACTED:github-token:1]';\n",
      stderr: '1 secret redacted\n',
    });
  });

  it('prints the contract JSON with --format json, and nothing else on stdout', async () => {
    const input = file('env', `A=1\nGITHUB_TOKEN=${token}\n`);
    const out = await cli(['redact', '--format', 'json', input]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      redacted: 'A=1\nGITHUB_TOKEN=[REDACTED:github-token:1]\n',
      findings: [{ rule: 'github-token', start: 17, end: 17 + token.length, line: 2 }],
    });
  });

  it('exits 0 when there is nothing to redact', async () => {
    const out = await cli(['redact', file('clean.txt', 'hello\n')]);
    expect(out).toEqual({ code: 0, stdout: 'hello\n', stderr: '0 secrets redacted\n' });
  });

  it('saves a vault (mode 600) and restores a model reply with --restore', async () => {
    const input = file('secret.ts', `const t = "${token}";\n`);
    const saved = await cli(['redact', '--vault-out', 'vault.json', input]);
    expect(saved.code).toBe(0);
    expect(statSync(join(dir, 'vault.json')).mode & 0o777).toBe(0o600);
    const reply = file('reply.ts', 'export const t = "[REDACTED:github-token:1]";\n');
    const restored = await cli(['redact', '--restore', 'vault.json', reply]);
    expect(restored).toEqual({
      code: 0,
      stdout: `export const t = "${token}";\n`,
      stderr: '1 placeholder restored\n',
    });
    const json = await cli(['redact', '--restore', 'vault.json', '--format', 'json', reply]);
    expect(JSON.parse(json.stdout)).toEqual({
      restored: `export const t = "${token}";\n`,
      replaced: 1,
    });
    expect(JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')).entries).toEqual({
      '[REDACTED:github-token:1]': token,
    });
  });

  it.each([
    ['a missing file', ['redact', 'nope.txt'], /no such file/],
    ['a directory', ['redact', '.'], /is a directory/],
    ['a binary file', ['redact', 'bin.dat'], /binary/],
    ['a bad vault', ['redact', '--restore', 'clean.txt', 'clean.txt'], /not JSON/],
    ['an unknown format', ['redact', '--format', 'xml', 'clean.txt'], /xml/],
  ])('exits 2 with a message for %s', async (_what, argv, message) => {
    file('bin.dat', Buffer.from([0x89, 0x50, 0x00, 0x01]));
    file('clean.txt', 'hello\n');
    const out = await cli(argv);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(message);
  });

  it('reads stdin for -', async () => {
    const stdout = captureOutput();
    const stderr = captureOutput();
    const ctx = createCliContext({ stdout, stderr, cwd: dir, env: {} }, () => undefined);
    const program = new Command().exitOverride();
    registerRedactCommand(program, ctx, async () => Buffer.from(`key=${token}\n`));
    await program.parseAsync(['redact', '-'], { from: 'user' });
    expect(ctx.exitCode).toBe(0);
    expect(stdout.text()).toBe('key=[REDACTED:github-token:1]\n');
  });
});
