import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { createCliContext } from '../context.js';
import { captureOutput, runCliCaptured } from '../../../test/support/run-cli.js';
import { registerExtractCommand } from './extract.js';

const dir = mkdtempSync(join(tmpdir(), 'shipgate-extract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (argv: string[]) => runCliCaptured(argv, {}, dir);

const reply = [
  'Update the file:',
  '',
  'src/add.ts',
  '```ts',
  'export const add = (a: number, b: number) => a + b;',
  '```',
  '',
  'Then run:',
  '```sh',
  'npm test',
].join('\n');
writeFileSync(join(dir, 'reply.md'), reply);
writeFileSync(join(dir, 'prose.md'), 'No code here, only `inline` code.\n');

describe('shipgate extract', () => {
  it('prints the contract JSON', async () => {
    const out = await cli(['extract', '--format', 'json', 'reply.md']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      blocks: [
        {
          language: 'typescript',
          code: 'export const add = (a: number, b: number) => a + b;\n',
          closed: true,
          startLine: 4,
          path: 'src/add.ts',
        },
        { language: 'bash', code: 'npm test', closed: false, startLine: 9 },
      ],
    });
  });

  it('prints each block after a header line in text format', async () => {
    const out = await cli(['extract', 'reply.md']);
    expect(out).toEqual({
      code: 0,
      stdout:
        '--- block language=typescript path=src/add.ts line=4 closed\n' +
        'export const add = (a: number, b: number) => a + b;\n' +
        '--- block language=bash line=9 unclosed\nnpm test\n',
      stderr: '',
    });
  });

  it('exits 0 and prints nothing (text) or an empty list (json) without blocks', async () => {
    expect(await cli(['extract', 'prose.md'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse((await cli(['extract', '--format', 'json', 'prose.md'])).stdout)).toEqual({
      blocks: [],
    });
  });

  it('exits 2 for a missing file', async () => {
    const out = await cli(['extract', 'missing.md']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/cannot read "missing.md": no such file/);
  });

  it('reads stdin for -', async () => {
    const stdout = captureOutput();
    const ctx = createCliContext(
      { stdout, stderr: captureOutput(), cwd: dir, env: {} },
      () => undefined,
    );
    const program = new Command().exitOverride();
    registerExtractCommand(program, ctx, async () => Buffer.from('~~~py\nprint(1)\n~~~\n'));
    await program.parseAsync(['extract', '--format', 'json', '-'], { from: 'user' });
    expect(ctx.exitCode).toBe(0);
    expect(JSON.parse(stdout.text()).blocks[0]).toEqual({
      language: 'python',
      code: 'print(1)\n',
      closed: true,
      startLine: 1,
    });
  });
});
