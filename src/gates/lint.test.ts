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
});
