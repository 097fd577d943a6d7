import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGate, tempProjects } from './test-support/gate-projects.js';
import { createTypecheckEngine } from './typecheck-engine.js';
import { syntaxFindings, syntaxOnly } from './typecheck-syntax.js';
import { createTypecheckGate } from './typecheck.js';

const { project, cleanup } = tempProjects('sg-typecheck-syntax-');
afterAll(cleanup);

const snippets: Record<string, string> = {
  'ok.js': 'export function add(a, b) {\n  return a + b;\n}\n',
  'broken.js': 'export const = 1;\nfunction (\n',
  'annotated.js': 'let x: number = 1;\nexport { x };\n',
  'view.jsx': 'export const View = () => <div className="a">{1 + }</div>;\n',
  'string.mjs': "export const s = 'unterminated;\n",
  'types.cjs': 'interface A { a: number }\nmodule.exports = {};\n',
};

describe('typecheck of plain JavaScript without a program', () => {
  it('reports exactly the LanguageService’s diagnostics for plain JS files', () => {
    const root = project({ 'package.json': '{}' });
    const engine = createTypecheckEngine();
    for (const [name, content] of Object.entries(snippets)) {
      const files = [{ path: join(root, name), content }];
      expect(syntaxOnly(root, files)).toBe(true);
      const full = engine.check(root, files, false);
      expect(syntaxFindings(files), name).toEqual(full);
    }
    expect(
      syntaxFindings([{ path: join(root, 'broken.js'), content: snippets['broken.js']! }]).length,
    ).toBeGreaterThan(0);
  });

  it('leaves TypeScript, // @ts-check files and checkJs projects to the type program', async () => {
    const root = project({ 'package.json': '{}' });
    const js = (content: string) => [{ path: join(root, 'a.js'), content }];
    expect(syntaxOnly(root, [{ path: join(root, 'a.ts'), content: 'export {};' }])).toBe(false);
    expect(syntaxOnly(root, js('// @ts-check\nexport const n = 1;\n'))).toBe(false);
    const checkJs = project({
      'tsconfig.json': '{"compilerOptions":{"checkJs":true,"allowJs":true}}',
    });
    expect(syntaxOnly(checkJs, [{ path: join(checkJs, 'a.js'), content: 'export {};' }])).toBe(
      false,
    );
    // and through the gate: a type error in a @ts-check file is still found
    const result = await runGate(createTypecheckGate({ worker: false }), root, {
      'a.js': '// @ts-check\n/** @type {number} */\nexport const n = "text";\n',
    });
    expect(result.findings.map((f) => f.rule)).toEqual(['TS2322']);
  });
});
