import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/**
 * A helper of the same file that reads input out of a request object it is given
 * (`function userCmd(req) { return req.query.cmd }`): its return summary remembers the members it
 * read from the parameter, so a caller passing the request gets `request.query` back.
 */
const route = (helpers: string, body: string): string =>
  lines(
    "const { exec } = require('child_process');",
    "const app = require('express')();",
    helpers,
    "app.post('/run', async (req, res) => {",
    body,
    '});',
  );

describe('return summaries through a request object argument', () => {
  it('a helper returning a request member gives input to its caller', () => {
    const helper = 'function userCmd(r) { return r.query.cmd; }';
    expect(ruleFindings('command-injection', route(helper, '  exec(userCmd(req));'))).toEqual([
      '5:critical',
    ]);
  });

  it('through async helpers, await and then()', () => {
    const helper = 'async function body(r) { const b = r.body; return b; }';
    const awaited = route(helper, '  const b = await body(req);\n  exec(b.cmd);');
    expect(ruleFindings('command-injection', awaited)).toEqual(['5:critical']);
    const then = route(helper, '  body(req).then((b) => exec(b.cmd));');
    expect(ruleFindings('command-injection', then)).toEqual(['5:critical']);
  });

  it('a request member that is not input stays unknown (medium, not critical)', () => {
    const helper = 'function verb(r) { return r.method; }';
    const code = route(helper, "  exec('echo ' + verb(req));");
    expect(ruleFindings('command-injection', code)).toEqual(['5:medium']);
    const sized = 'function size(r) { return r.query.cmd.length; }';
    const count = route(sized, "  exec('head -c ' + size(req));");
    expect(ruleFindings('command-injection', count)).toEqual([]);
  });

  it('a helper that checks the member against an allow-list still protects it', () => {
    const helper = lines(
      "const TOOLS = ['ls', 'pwd'];",
      'function tool(r) {',
      "  if (!TOOLS.includes(r.query.tool)) return 'ls';",
      '  return r.query.tool;',
      '}',
    );
    expect(ruleFindings('command-injection', route(helper, '  exec(tool(req));'))).toEqual([]);
  });
});

describe('a helper every caller hands the request object', () => {
  const helper = lines(
    'function runTool(r) {',
    '  const tool = r.body.tool;',
    '  exec(tool);',
    '}',
    'function runFixed(r) {',
    '  const verb = r.method;',
    "  exec('echo ' + JSON.stringify(verb === 'GET'));",
    '}',
  );

  it('reads input from the request it is given', () => {
    const code = route(helper, '  runTool(req);\n  runFixed(req);');
    expect(ruleFindings('command-injection', code)).toEqual(['4:critical']);
  });

  it('knows nothing of a parameter whose callers pass other objects', () => {
    const code = route(helper, '  runTool(loadJob());');
    expect(ruleFindings('command-injection', code)).toEqual([]);
  });
});
