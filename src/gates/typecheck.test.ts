import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTypecheckGate } from './typecheck.js';
import { runGate, tempProjects } from './test-support/gate-projects.js';

const { project, cleanup } = tempProjects('sg-typecheck-');
afterAll(cleanup);

const strictConfig = JSON.stringify({
  compilerOptions: {
    strict: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    types: [],
  },
});

describe('typecheck gate', () => {
  it('maps diagnostics to findings with rule, severity and 1-based positions', async () => {
    const root = project({ 'tsconfig.json': strictConfig });
    const result = await runGate(createTypecheckGate({ worker: false }), root, {
      'a.ts': 'export const n = 1;\nconst s: string = n;\nexport { s };\n',
    });
    expect(result.verdict).toBe('fail');
    expect(result.findings).toEqual([
      {
        gate: 'typecheck',
        rule: 'TS2322',
        severity: 'high',
        message: "Type 'number' is not assignable to type 'string'.",
        line: 2,
        column: 7,
        endLine: 2,
        file: join(root, 'a.ts'),
      },
    ]);
  });

  it('serves in-memory content over disk and picks up changed content on the next run', async () => {
    const root = project({
      'tsconfig.json': strictConfig,
      'a.ts': 'export const broken: number = "disk";\n',
    });
    const gate = createTypecheckGate({ worker: false });
    const first = await runGate(gate, root, { 'a.ts': 'export const ok: number = 1;\n' });
    expect(first.findings).toEqual([]);
    const second = await runGate(gate, root, { 'a.ts': 'export const bad: number = "memory";\n' });
    expect(second.findings.map((f) => f.rule)).toEqual(['TS2322']);
    const third = await runGate(gate, root, { 'a.ts': 'export const ok: number = 2;\n' });
    expect(third.findings).toEqual([]);
  });

  it('re-reads an imported file on disk when it changes between checks, and only then', async () => {
    const root = project({
      'tsconfig.json': strictConfig,
      'dep.ts': 'export const value: number = 1;\n',
    });
    const gate = createTypecheckGate({ worker: false });
    const main = { 'main.ts': "import { value } from './dep';\nexport const n: number = value;\n" };
    expect((await runGate(gate, root, main)).findings).toEqual([]);
    writeFileSync(join(root, 'dep.ts'), 'export const value: string = "now text";\n');
    utimesSync(join(root, 'dep.ts'), new Date(), new Date(Date.now() + 5_000));
    const second = await runGate(gate, root, main);
    expect(second.findings.map((f) => [f.rule, f.line])).toEqual([['TS2322', 2]]);
    expect((await runGate(gate, root, main)).findings.map((f) => f.rule)).toEqual(['TS2322']);
  });

  it('resolves imports between in-memory files and reports only the files it was given', async () => {
    const root = project({
      'tsconfig.json': strictConfig,
      'other.ts': 'export const x: number = "wrong on disk";\n',
    });
    const result = await runGate(createTypecheckGate({ worker: false }), root, {
      'lib.ts': 'export function twice(n: number): number { return n * 2; }\n',
      'main.ts':
        "import { twice } from './lib';\nimport { x } from './other';\nexport const y: string = twice(x);\n",
    });
    expect(result.findings.map((f) => [f.file?.endsWith('main.ts'), f.rule, f.line])).toEqual([
      [true, 'TS2322', 3],
    ]);
  });

  it("honours the project's tsconfig (non-strict allows implicit any) and uses strict defaults without one", async () => {
    const loose = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: false, types: [] } }),
    });
    const code = { 'a.ts': 'export function f(x) { return x; }\n' };
    expect((await runGate(createTypecheckGate({ worker: false }), loose, code)).findings).toEqual(
      [],
    );
    const bare = project({});
    const strict = await runGate(createTypecheckGate({ worker: false }), bare, code);
    expect(strict.findings.map((f) => f.rule)).toEqual(['TS7006']);
  });

  it('checks JavaScript only when the project or the file asks for it', async () => {
    const root = project({ 'tsconfig.json': strictConfig });
    const gate = createTypecheckGate({ worker: false });
    const js = 'const n = 1;\nn.toUpperCase();\n';
    expect((await runGate(gate, root, { 'a.js': js })).findings).toEqual([]);
    const checked = await runGate(gate, root, { 'a.js': `// @ts-check\n${js}` });
    expect(checked.findings.map((f) => [f.rule, f.line])).toEqual([['TS2339', 3]]);
    const syntax = await runGate(gate, root, { 'a.js': 'const = ;\n' });
    expect(syntax.findings.length).toBeGreaterThan(0);
  });

  it('reports syntax errors as findings instead of throwing', async () => {
    const root = project({ 'tsconfig.json': strictConfig });
    const result = await runGate(createTypecheckGate({ worker: false }), root, {
      'a.ts': 'export function (',
    });
    expect(result.verdict).toBe('fail');
    expect(result.findings[0]?.rule).toMatch(/^TS1\d{3}$/);
  });

  it('rebuilds the project when tsconfig.json changes', async () => {
    const root = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: false, types: [] } }),
    });
    const gate = createTypecheckGate({ worker: false });
    const code = { 'a.ts': 'export function f(x) { return x; }\n' };
    expect((await runGate(gate, root, code)).findings).toEqual([]);
    writeFileSync(join(root, 'tsconfig.json'), strictConfig);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'tsconfig.json'), later, later);
    expect((await runGate(gate, root, code)).findings.map((f) => f.rule)).toEqual(['TS7006']);
  });
});

describe("typecheck gate: the project's own TypeScript (issue 11)", () => {
  it('checks project input with the TypeScript the project installed, untrusted input with the bundled one', async () => {
    const real = createRequire(import.meta.url).resolve('typescript');
    const root = project({
      'tsconfig.json': strictConfig,
      'node_modules/typescript/package.json':
        '{"name":"typescript","version":"5.99.0-project","main":"index.js"}',
      'node_modules/typescript/index.js': `const real = require(${JSON.stringify(real)});
module.exports = { ...real, flattenDiagnosticMessageText: (m, nl) => '[project ts] ' + real.flattenDiagnosticMessageText(m, nl) };
`,
    });
    const code = { 'a.ts': 'export const a: number = "x";\n' };
    const gate = createTypecheckGate({ worker: false });
    const own = await runGate(gate, root, code, 'project');
    expect(own.findings.map((f) => f.message)).toEqual([
      "[project ts] Type 'string' is not assignable to type 'number'.",
    ]);
    const untrusted = await runGate(gate, root, code, 'untrusted');
    expect(untrusted.findings.map((f) => f.message)).toEqual([
      "Type 'string' is not assignable to type 'number'.",
    ]);
  });
});

describe('typecheck gate, inline (no worker thread)', () => {
  it('gives the same findings as the worker', async () => {
    const root = project({ 'tsconfig.json': strictConfig });
    const code = { 'a.ts': 'export const a: number = "x";\nexport const b = a.nope;\n' };
    const inline = await runGate(createTypecheckGate({ worker: false }), root, code);
    const worker = await runGate(createTypecheckGate({ worker: true }), root, code);
    expect(inline.findings.map((f) => f.rule)).toEqual(['TS2322', 'TS2339']);
    expect(worker.findings).toEqual(inline.findings);
  });

  it('checks in the worker, off the main thread, also when run from source (issue 9.8)', async () => {
    const root = project({ 'tsconfig.json': strictConfig });
    const gate = createTypecheckGate({ worker: true });
    await runGate(gate, root, { 'warm.ts': 'export const w = 1;\n' });
    const body = Array.from(
      { length: 400 },
      (_, i) => `export function f${i}(a: number): string {\n  return String(a + ${i});\n}\n`,
    ).join('');
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    try {
      const result = await runGate(gate, root, {
        'big.ts': `${body}export const bad: number = "x";\n`,
      });
      expect(result.findings.map((f) => f.rule)).toEqual(['TS2322']);
    } finally {
      clearInterval(timer);
    }
    // Inline (the old fallback from source) the check holds the thread: no tick at all.
    expect(ticks).toBeGreaterThan(2);
    // A cancelled check that is still queued is dropped; the running one is not disturbed.
    const ctx = (name: string, content: string) => ({
      root,
      files: [{ path: join(root, name), content }],
      options: {},
    });
    const first = gate.run(
      ctx('one.ts', `${body}export const one: string = 1;\n`),
      new AbortController().signal,
    );
    const controller = new AbortController();
    const second = gate.run(ctx('two.ts', 'export const two = 2;\n'), controller.signal);
    controller.abort();
    await expect(second).rejects.toThrow(/cancelled/);
    expect((await first).findings.map((f) => f.rule)).toEqual(['TS2322']);
  });
});

describe('typecheck gate: generated files not yet on disk', () => {
  it('resolves imports between in-memory files in a directory that does not exist yet', async () => {
    const root = mkdtempSync(join(tmpdir(), 'shipgate-overlay-dir-'));
    try {
      writeFileSync(
        join(root, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'es2022',
            noEmit: true,
            types: [],
          },
          include: ['src'],
        }),
      );
      writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
      const gate = createTypecheckGate({ worker: false });
      const files = [
        {
          path: join(root, 'src/new/sum.ts'),
          content: 'export const sum = (a: number, b: number): number => a + b;\n',
        },
        {
          path: join(root, 'src/new/use.ts'),
          content: "import { sum } from './sum.js';\nexport const three: number = sum(1, 2);\n",
        },
      ];
      const result = await gate.run({ root, files, options: {} }, new AbortController().signal);
      expect(result.findings.map((f) => f.rule)).not.toContain('TS2307');
      expect(result.verdict).toBe('pass');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
