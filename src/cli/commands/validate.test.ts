import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { captureOutput } from '../../../test/support/run-cli.js';
import { createCliContext } from '../context.js';
import { runCli } from '../main.js';
import { registerValidateCommand } from './validate.js';

let root: string;
let outside: string;

function write(path: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

async function cli(
  args: string[],
  cwd = root,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['validate', ...args], {
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}

const good =
  '/** Adds two numbers. */\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sg-validate-cli-'));
  outside = mkdtempSync(join(tmpdir(), 'sg-validate-cwd-'));
  write('package.json', '{"name":"fixture","type":"module"}');
  write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler', types: [] },
    }),
  );
  write('.gitignore', 'generated/\ndist/\n');
  write('build/.gitignore', '*.ts\n!kept.ts\n');
  write('build/kept.ts', good);
  write('build/dropped.ts', 'export const x: string = 1;\n');
  write('src/good.ts', good);
  write('src/bad.ts', '/** Broken. */\nexport const value: string = 42;\n');
  write('src/generated/skip.ts', 'export const x: string = 1;\n');
  write('node_modules/dep/index.ts', 'export const x: string = 1;\n');
  write('dist/out.ts', 'export const x: string = 1;\n');
  write('assets/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
  write('src/binary.ts', Buffer.from([0x65, 0, 0x66]));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('shipgate validate', () => {
  it('exits 0 with the JSON contract on stdout when the gates pass', async () => {
    const { code, stdout, stderr } = await cli(['--format', 'json', 'src/good.ts']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      passed: true,
      files: [{ file: 'src/good.ts', passed: true, findings: [] }],
    });
  });

  it('exits 1 when a gate fails, finding the project root from the path', async () => {
    const { code, stdout } = await cli(['--format', 'json', join(root, 'src/bad.ts')], outside);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.passed).toBe(false);
    expect(report.files[0].file).toBe('src/bad.ts');
    expect(report.files[0].findings[0]).toMatchObject({
      gate: 'typecheck',
      rule: 'TS2322',
      severity: 'high',
      line: 2,
    });
  });

  it('walks directories as git lists them: nested .gitignore with ! re-includes, no node_modules, no binary files', async () => {
    const { code, stdout } = await cli(['--format', 'json', '--gates', 'typecheck', '.']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).files.map((f: { file: string }) => f.file)).toEqual([
      'build/kept.ts',
      'src/bad.ts',
      'src/good.ts',
    ]);
  });

  it('reads stdin for -, named by --stdin-filename', async () => {
    const stdout = captureOutput();
    const ctx = createCliContext(
      { stdout, stderr: captureOutput(), cwd: root, env: {} },
      () => undefined,
    );
    const program = new Command().exitOverride();
    registerValidateCommand(program, ctx, async () =>
      Buffer.from('export const n: number = "x";\n'),
    );
    await program.parseAsync(
      [
        'validate',
        '--format',
        'json',
        '--gates',
        'typecheck',
        '--stdin-filename',
        'src/piped.ts',
        '-',
      ],
      { from: 'user' },
    );
    expect(ctx.exitCode).toBe(1);
    const report = JSON.parse(stdout.text());
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(['src/piped.ts']);
    expect(report.files[0].findings[0]).toMatchObject({ rule: 'TS2322', line: 1 });
  });

  it('runs only the gates named with --gates and rejects unknown ones with exit 2', async () => {
    const only = await cli(['--format', 'json', '--gates', 'complexity', 'src/bad.ts']);
    expect(only.code).toBe(0);
    const unknown = await cli(['--gates', 'typecheck,nope', 'src/good.ts']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(
      /unknown gate nope \(known gates: typecheck, lint, .*complexity, patterns/,
    );
  });

  it('exits 2 for missing paths, binary files and a bad --root', async () => {
    const missing = await cli(['src/nope.ts']);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      'error: src/nope.ts does not exist (pass files or directories to validate)\n',
    ]);
    const binary = await cli(['src/binary.ts']);
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('binary file');
    const badRoot = await cli(['--root', 'nowhere', 'src/good.ts']);
    expect(badRoot.code).toBe(2);
    const badFormat = await cli(['--format', 'xml', 'src/good.ts']);
    expect(badFormat.code).toBe(2);
  });

  it('renders sarif, markdown and text', async () => {
    const sarif = await cli(['--format', 'sarif', '--gates', 'typecheck', 'src/bad.ts']);
    expect(JSON.parse(sarif.stdout).runs[0].results[0].ruleId).toBe('typecheck/TS2322');
    const markdown = await cli(['--format', 'markdown', '--gates', 'typecheck', 'src/bad.ts']);
    expect(markdown.stdout).toContain('## ❌ shipgate: gates failed');
    const text = await cli(['--gates', 'typecheck', 'src/bad.ts']);
    expect(text.stdout).toContain('    2 | export const value: string = 42;');
    expect(text.stdout.trimEnd().endsWith('FAILED')).toBe(true);
  }, 90_000); // three CLI runs, each starting its own typecheck worker

  it('reports unparsable code as findings, not a crash', async () => {
    write('src/broken.ts', 'export function (((\n');
    const { code, stdout, stderr } = await cli(['--format', 'json', 'src/broken.ts']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(JSON.parse(stdout).files[0].findings.length).toBeGreaterThan(0);
    rmSync(join(root, 'src/broken.ts'));
  });
});
