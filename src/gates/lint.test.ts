import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLintGate } from './lint.js';
import { runGate, tempProjects } from './test-support/gate-projects.js';

const { project, cleanup } = tempProjects('sg-lint-');
afterAll(cleanup);

describe('lint gate', () => {
  it('uses the built-in recommended config (with typescript-eslint) without a project config', async () => {
    const root = project({});
    const result = await runGate(createLintGate(), root, {
      'a.ts': 'export function f(x: any) {\n  let y = x;\n  return y;\n}\n',
    });
    expect(result.findings.map((f) => [f.rule, f.severity, f.line, f.column])).toEqual([
      ['@typescript-eslint/no-explicit-any', 'medium', 1, 22],
      ['prefer-const', 'medium', 2, 7],
    ]);
    expect(result.verdict).toBe('fail');
  });

  it("uses the project's own flat config when the root has one", async () => {
    const root = project({
      'eslint.config.mjs': "export default [{ rules: { 'no-console': 'warn' } }];\n",
    });
    const result = await runGate(createLintGate(), root, {
      'a.js': "let unused = 1;\nconsole.log('hi');\n",
    });
    expect(result.findings.map((f) => [f.rule, f.severity, f.line])).toEqual([
      ['no-console', 'low', 2],
    ]);
    expect(result.verdict).toBe('pass');
  });

  it('reports a broken project config as lint-config-error instead of crashing', async () => {
    const root = project({
      'eslint.config.mjs': "import missing from './nope.mjs';\nexport default [missing];\n",
    });
    const result = await runGate(createLintGate(), root, { 'a.js': 'export const a = 1;\n' });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      rule: 'lint-config-error',
      severity: 'medium',
      line: 1,
    });
    expect(result.findings[0]?.message).toContain('eslint.config.mjs');
  });

  it('reports unparsable code as a parse-error finding', async () => {
    const root = project({});
    const result = await runGate(createLintGate(), root, { 'a.ts': 'export const = ;\n' });
    expect(result.findings[0]).toMatchObject({ rule: 'parse-error', line: 1 });
  });

  it('keeps one ESLint instance per root and reuses it across runs', async () => {
    const root = project({});
    const created: string[] = [];
    const gate = createLintGate({ onEngineCreated: (r) => created.push(r) });
    const code = (i: number) => ({ 'a.ts': `export const value${i} = ${i};\n` });
    await runGate(gate, root, code(1));
    const again = await runGate(gate, root, code(2));
    expect(again.findings).toEqual([]);
    expect(created).toEqual([root]);
    const other = project({});
    await runGate(gate, other, code(3));
    expect(created).toEqual([root, other]);
  });

  it('loads eslint.config.ts (through jiti) instead of reporting lint-config-error', async () => {
    const root = project({
      'eslint.config.ts':
        "type Config = { rules: Record<string, string> };\nconst config: Config[] = [{ rules: { 'no-var': 'error' } }];\nexport default config;\n",
    });
    const result = await runGate(createLintGate(), root, { 'a.js': 'var a = 1;\nexport { a };\n' });
    expect(result.findings.map((f) => f.rule)).toEqual(['no-var']);
  });

  it("uses the project's own ESLint install when it has one", async () => {
    const bundled = createRequire(import.meta.url).resolve('eslint');
    const root = project({
      'eslint.config.mjs': "export default [{ rules: { 'no-var': 'error' } }];\n",
      'node_modules/eslint/package.json':
        '{"name":"eslint","version":"9.99.0-project","main":"index.js"}',
      'node_modules/eslint/index.js': `module.exports = require(${JSON.stringify(bundled)});\n`,
    });
    const result = await runGate(createLintGate(), root, { 'a.js': 'var a = 1;\nexport { a };\n' });
    expect(result.findings.map((f) => f.rule)).toEqual(['no-var']);
    expect(result.reason).toContain('project eslint 9.99.0-project');
  });

  it('never loads a config file from the root for untrusted input (issue 9.1)', async () => {
    const root = project({});
    const marker = join(root, 'config-ran.txt');
    const hostile = `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'x');\nexport default [];\n`;
    const withConfig = project({ 'eslint.config.mjs': hostile });
    const result = await runGate(
      createLintGate(),
      withConfig,
      { 'a.ts': 'export const a = 1;\n', 'eslint.config.js': hostile },
      'untrusted',
    );
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(withConfig, 'config-ran.txt'))).toBe(false);
    expect(result.reason).toContain('built-in config');
    expect(result.findings.filter((f) => f.rule === 'lint-config-error')).toEqual([]);
  });
});
