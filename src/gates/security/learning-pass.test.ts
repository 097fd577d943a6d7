import { describe, expect, it } from 'vitest';
import ts from '../../lib/typescript.cjs';
import { parseSource } from '../ast.js';
import { analyzeSource } from './analyze.js';
import { LocalFunctions } from './locals.js';
import { lines, ruleFindings } from './test-support/rule-findings.js';
import type { SecurityRule } from './types.js';
import { walkPlan } from './walk-plan.js';

/**
 * ADR 0044: a file whose nested helper is called after its declaration is walked first without
 * rules (that pass learns the call sites; its findings would be discarded), then with them.
 */

const nestedHelper = lines(
  "const { exec } = require('child_process');",
  "require('express')().post('/t', (req, res) => {",
  '  const run = (cmd) => { exec(cmd); };',
  '  ARG',
  '});',
);

const topLevelHelper = lines(
  "const { exec } = require('child_process');",
  'function run(cmd) { exec(cmd); }',
  "require('express')().post('/t', (req, res) => { run(req.query.cmd); });",
);

function planOf(code: string) {
  const sf = parseSource('app.js', code);
  return walkPlan(sf, new LocalFunctions(sf), false);
}

/** A rule that counts the calls it is shown. */
function countingRule(): SecurityRule & { seen: number } {
  return {
    id: 'count',
    kinds: [ts.SyntaxKind.CallExpression],
    seen: 0,
    visit() {
      this.seen += 1;
    },
  };
}

describe('the learning pass', () => {
  it('is planned only where a helper is walked before a call that passes it arguments', () => {
    expect(planOf(nestedHelper.replace('ARG', 'run(req.query.cmd);')).learningPass).toBe(true);
    expect(planOf(nestedHelper.replace('ARG', 'run();')).learningPass).toBe(false);
    // top-level functions are walked after their callers: one pass learns their sites
    expect(planOf(topLevelHelper).learningPass).toBe(false);
  });

  it('is planned where a cycle of calls reaches a function walked before its caller', () => {
    const cycle = 'function a(x) { if (x) b(x - 1); }\nfunction b(y) { a(y); }\na(3);';
    expect(planOf(cycle).learningPass).toBe(true);
    expect(planOf('function a(x) { b(x); }\nfunction b(y) { return y; }\na(1);').learningPass).toBe(
      false,
    );
    // what a function passes to itself is taken as the walk goes
    expect(planOf('function f(n) { return n ? f(n - 1) : 0; }\nf(3);').learningPass).toBe(false);
  });

  it('is planned where a method reads a field that a function walked after it writes', () => {
    const runner = (body: string): string =>
      lines(
        "const { exec } = require('child_process');",
        'class Runner {',
        '  constructor(cmd) { this.cmd = cmd; }',
        `  run() { ${body} }`,
        '}',
        "new Runner('ls').run();",
      );
    // callers first: run() is walked before the constructor that sets this.cmd
    expect(planOf(runner('exec(this.cmd);')).learningPass).toBe(true);
    expect(planOf(runner("exec('ls');")).learningPass).toBe(false);
  });

  it('runs no rules: each call is shown to the rules once, by the pass that reports', () => {
    const rule = countingRule();
    analyzeSource('app.js', nestedHelper.replace('ARG', "run('ls'); run('pwd');"), [rule]);
    // two require(), express(), .post(), exec(), run('ls'), run('pwd'): seven calls, one pass
    expect(rule.seen).toBe(7);
  });

  it('leaves the findings to the passes that know the call sites', () => {
    const input = nestedHelper.replace('ARG', 'run(req.query.cmd);');
    expect(ruleFindings('command-injection', input)).toEqual(['3:critical']);
    expect(ruleFindings('command-injection', nestedHelper.replace('ARG', "run('ls');"))).toEqual(
      [],
    );
  });
});
