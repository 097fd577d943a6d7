import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** Propagating functions of Node modules (`util.format`, `url.parse`, `querystring.parse`) however the module is reached. */
const route = (head: string, body: string): string =>
  lines(
    "const { exec } = require('child_process');",
    "const app = require('express')();",
    head,
    "app.post('/run', async (req, res) => {",
    body,
    '});',
  );

describe('formatting functions of a module reached without its usual name', () => {
  it('util.format through an inline require or a renamed import carries input', () => {
    const inline = route('', "  exec(require('util').format('ls %s', req.query.dir));");
    expect(ruleFindings('command-injection', inline)).toEqual(['5:critical']);
    const renamed = route(
      "const nodeUtil = require('node:util');",
      "  exec(nodeUtil.format('ls %s', req.query.dir));",
    );
    expect(ruleFindings('command-injection', renamed)).toEqual(['5:critical']);
    const fixed = route('', "  exec(require('util').format('ls %s', '/tmp'));");
    expect(ruleFindings('command-injection', fixed)).toEqual([]);
  });
});
