import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/**
 * A class property holding an arrow function (`run = (cmd: string) => …`) is called like a
 * method: its parameters take their flows from the call sites (locals.ts, walk-order.ts).
 */

const file = (...body: string[]): string =>
  lines(
    "import { exec } from 'child_process';",
    "import axios from 'axios';",
    "const app = require('express')();",
    ...body,
  );

describe('taint through functions held by class properties', () => {
  it('input passed to an instance’s arrow-function property reaches its sink', () => {
    const code = file(
      'class Jobs {',
      '  run = (cmd: string) => { exec(cmd); };',
      '  fetch = async (url: string) => axios.get(url);',
      '}',
      'const jobs = new Jobs();',
      "app.post('/run', (req, res) => { jobs.run(req.body.cmd); jobs.fetch(req.body.url); });",
    );
    expect(ruleFindings('command-injection', code, 'jobs.ts')).toEqual(['5:critical']);
    expect(ruleFindings('ssrf', code, 'jobs.ts')).toEqual(['6:high']);
  });

  it('through this: a service field typed by its class, called from a handler method', () => {
    const code = file(
      'class Shell {',
      '  run = (cmd: string) => exec(cmd);',
      '}',
      'class Controller {',
      '  constructor(private readonly shell: Shell) {}',
      '  handle = (req: any) => this.shell.run(req.query.cmd);',
      '}',
      'const c = new Controller(new Shell());',
      "app.get('/x', (req, res) => c.handle(req));",
    );
    expect(ruleFindings('command-injection', code, 'svc.ts')).toEqual(['5:critical']);
  });

  it('constants passed to the property stay quiet', () => {
    const code = file(
      'class Jobs {',
      '  run = (cmd: string) => { exec(cmd); };',
      '}',
      "new Jobs().run('ls -la');",
      "app.post('/run', (req, res) => { new Jobs().run('uptime'); });",
    );
    expect(ruleFindings('command-injection', code, 'jobs.ts')).toEqual([]);
  });
});
