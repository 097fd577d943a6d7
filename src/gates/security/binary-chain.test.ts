import { describe, expect, it } from 'vitest';
import ts from '../../lib/typescript.cjs';
import { parseSource } from '../ast.js';
import { runGate } from '../run-gate.js';
import { createSecurityGate } from '../security.js';
import { walkTree } from './binary-chain.js';

const gate = createSecurityGate({ pythonTools: { searchPath: '' } });

/** A route handler that runs `cmd`, built as one expression of `terms` operands joined by `op`. */
function handler(terms: number, op: string, tainted: string, other: (i: number) => string): string {
  const parts = Array.from({ length: terms }, (_, i) =>
    i === Math.floor(terms * 0.7) ? tainted : other(i),
  );
  return [
    "const { exec } = require('child_process');",
    "app.get('/', (req, res) => {",
    `  const cmd = ${parts.join(` ${op} `)};`,
    '  exec(cmd);',
    '});',
  ].join('\n');
}

/** `x0 = 0, x1 = 1, …`: `terms` assignments as one comma expression, `at(i)` replacing some. */
function assignments(terms: number, at: (i: number) => string | undefined = () => undefined) {
  return Array.from({ length: terms }, (_, i) => at(i) ?? `x${i} = ${i}`).join(', ');
}

async function rulesFor(content: string): Promise<string[]> {
  const ctx = { root: '/project', files: [{ path: '/project/a.js', content }], options: {} };
  const result = await runGate(gate, ctx, 60_000, undefined);
  return result.findings.map((f) => `${f.line}:${f.rule}`);
}

describe('left-deep binary chains in the security gate', () => {
  it('issue 11: reports the command injection of req.query.x deep in a 5,000-term concatenation', async () => {
    // reported from `const cmd = …`, the line just above exec(cmd) (ADR 0045)
    const content = handler(5_000, '+', 'req.query.x', (i) => `'a${i}'`);
    expect(await rulesFor(content)).toEqual(['3:command-injection']);
  });

  it('issue 11: checks a 20,000-term concatenation without a gate-error', async () => {
    const content = handler(20_000, '+', 'req.query.x', (i) => `'a${i}'`);
    expect(await rulesFor(content)).toEqual(['3:command-injection']);
  });

  it('issue 11: checks 20,000-term ||, ??, && and comma chains without a gate-error', async () => {
    // reported from `const cmd = …`, the line just above exec(cmd) (ADR 0045)
    const expected = {
      '||': ['3:command-injection'],
      '??': ['3:command-injection'],
      '&&': [],
      ',': [],
    };
    for (const [op, rules] of Object.entries(expected))
      expect(await rulesFor(handler(20_000, op, 'req.query.x', (i) => `x${i}`))).toEqual(rules);
  });

  it('issue 11: checks a 20,000-term comma chain of assignments in near-linear time', async () => {
    // Each assignment used to walk up through all the chain's links: ~9 s, now ~0.5 s.
    const content = ["app.get('/', (req, res) => {", `  ${assignments(20_000)};`, '});'].join('\n');
    const started = performance.now();
    expect(await rulesFor(content)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('issue 11: reports prototype pollution by req input deep in a 20,000-term comma chain', async () => {
    const at = Math.floor(20_000 * 0.7);
    const content = [
      "const app = require('express')();",
      'const prefs = {};',
      "app.post('/pref', (req, res) => {",
      "  let t = prefs; const parts = req.body.path.split('.'); const a = req.query.a;",
      '  for (let i = 0; i < parts.length - 1; i++) {',
      `    ${assignments(20_000, (i) => (i === at ? 't = t[parts[i]] = t[parts[i]] || {}' : undefined))};`,
      `    ${assignments(20_000, (i) => (i === at ? 'prefs[a][parts[i]] = req.body.value' : undefined))};`,
      '  }',
      '  t[parts[parts.length - 1]] = req.body.value;',
      '});',
    ].join('\n');
    const started = performance.now();
    expect(await rulesFor(content)).toEqual(['6:prototype-pollution', '7:prototype-pollution']);
    expect(performance.now() - started).toBeLessThan(6_000); // two chains
  });

  it('walkTree visits nodes in the order of a recursive forEachChild walk', () => {
    const sf = parseSource('a.js', "f(a + b * c - (d || e && g), k = 1, 'x' + `${y}` + z);");
    const recursive: ts.SyntaxKind[] = [];
    const visit = (n: ts.Node): void => {
      recursive.push(n.kind);
      if (!ts.isParenthesizedExpression(n)) ts.forEachChild(n, visit);
    };
    visit(sf);
    const walked: ts.SyntaxKind[] = [];
    walkTree(sf, (n) => {
      walked.push(n.kind);
      return !ts.isParenthesizedExpression(n);
    });
    expect(walked).toEqual(recursive);
  });
});
