import { analyzeSource } from '../analyze.js';

/** One rule's findings in a source text, as `line:severity`, for the security gate's tests. */
export function ruleFindings(rule: string, code: string, file = 'app.js'): string[] {
  return analyzeSource(file, code)
    .filter((f) => f.rule === rule)
    .map((f) => `${f.line}:${f.severity}`);
}

/** Source lines joined into one text. */
export const lines = (...ls: string[]): string => ls.join('\n');

/**
 * An Express route that does `call`, beside a function of the file, `runTool(cmd)`, that runs
 * its parameter as a shell command on line 3: for tests of how input reaches a local function.
 */
export const routeBesideRunTool = (call: string): string =>
  lines(
    "const { exec } = require('child_process');",
    'function runTool(cmd) {',
    '  exec(cmd);',
    '}',
    `require('express')().post('/t', (req, res) => { ${call} });`,
  );
