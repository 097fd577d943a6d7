import { describe, expect, it } from 'vitest';
import { runGate } from '../run-gate.js';
import { createSecurityGate } from '../security.js';
import ts from '../../lib/typescript.cjs';
import { analyzeSource } from './analyze.js';
import { securityRules } from './rules.js';
import type { SecurityRule } from './types.js';

const gate = createSecurityGate({ pythonTools: { searchPath: '' } });

/** `rule:line:severity` of each finding, per file name. */
async function findingsOf(files: Record<string, string>): Promise<string[]> {
  const ctx = {
    root: '/project',
    files: Object.entries(files).map(([name, content]) => ({ path: `/project/${name}`, content })),
    options: {},
  };
  const result = await runGate(gate, ctx, 60_000, undefined);
  return result.findings.map(
    (f) => `${f.file?.slice('/project/'.length) ?? ''}:${f.line}:${f.rule}:${f.severity}`,
  );
}

/** A route handler: `statements` at line 3 onwards, then `exec(req.query.cmd)`. */
function handler(...statements: string[]): string {
  return [
    "const { exec } = require('child_process');",
    "app.get('/', (req, res) => {",
    ...statements,
    '  exec(req.query.cmd);',
    '});',
  ].join('\n');
}

/** `x0 ? 'a0' : x1 ? 'a1' : … : 'z'`, nested `terms` deep. */
const ternaries = (terms: number): string =>
  `${Array.from({ length: terms }, (_, i) => `x${i % 10} ? 'a${i}' : `).join('')}'z'`;

describe('security analysis of generated code', () => {
  it('survives a variable assigned thousands of times from nested scopes (an ajv-style validator)', () => {
    const lines = ['export function validate(data) {', '  let errors = null;'];
    for (let i = 0; i < 4000; i += 1)
      lines.push(
        `  if (data.p${i} !== undefined) { if (typeof data.p${i} !== 'string') { errors = errors === null ? [data.p${i}] : errors.concat(data.p${i}); } }`,
      );
    lines.push('  const out = errors;', '  return out;', '}');
    // the origin lists used to grow with every assignment until a spread overflowed the stack
    expect(analyzeSource('validator.js', lines.join('\n'))).toEqual([]);
  });

  it('follows input through a 4,000-term right-deep assignment chain (a = b = … = x)', async () => {
    const names = Array.from({ length: 4_000 }, (_, i) => `v${i}`);
    const content = handler(
      `  let ${names.join(', ')};`,
      `  ${names.join(' = ')} = req.query.x;`,
      '  exec(v0);',
    );
    expect(await findingsOf({ 'a.js': content })).toEqual([
      'a.js:4:command-injection:critical', // from the chain, just above exec (ADR 0045)
      'a.js:6:command-injection:critical',
    ]);
  });

  it('survives 2,500 nested ternaries and checks the rest of the file', async () => {
    const found = await findingsOf({ 'a.js': handler(`  const t = ${ternaries(2_500)};`) });
    // whether the walk runs out of stack here depends on the engine's frames: then a low note
    expect([
      ['a.js:4:command-injection:critical'],
      ['a.js:3:analysis-limit:low', 'a.js:4:command-injection:critical'],
    ]).toContainEqual(found);
  });

  /** A real call-stack overflow, as a walk thousands of levels deep ends. */
  const runOutOfStack = (depth: number): number => runOutOfStack(depth + 1) + 1;

  it('skips a statement whose walk runs out of stack with a low note, and walks the next ones', () => {
    // a rule that overflows on one identifier stands in for a walk thousands of levels deep
    const overflows: SecurityRule = {
      id: 'overflows',
      kinds: [ts.SyntaxKind.Identifier],
      visit(node) {
        if ((node as ts.Identifier).text === 'deepest') runOutOfStack(0);
      },
    };
    const code = handler('  const t = f(g(deepest));', '  const u = req.query.y;', '  exec(u);');
    const found = analyzeSource('a.js', code, [...securityRules, overflows]).map(
      (f) => `${f.line}:${f.rule}:${f.severity}`,
    );
    expect(found).toEqual([
      '3:analysis-limit:low',
      '4:command-injection:critical', // from `const u`, just above exec (ADR 0045)
      '6:command-injection:critical',
    ]);
  });

  it('notes a file too deep for the parser (50,000 nested ternaries) and checks the other files', async () => {
    const found = await findingsOf({
      'deep.js': handler(`  const t = ${ternaries(50_000)};`),
      'b.js': handler(),
    });
    expect(found).toEqual(['deep.js:1:analysis-limit:medium', 'b.js:3:command-injection:critical']);
  });
});
