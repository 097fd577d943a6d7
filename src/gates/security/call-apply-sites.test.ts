import { describe, expect, it } from 'vitest';
import { routeBesideRunTool as file, ruleFindings } from './test-support/rule-findings.js';

/**
 * Call sites that reach a function of the file indirectly (locals.ts `site()`): through a
 * constant alias, and through `.call(self, …)` / `.apply(self, [...])`, whose first argument is
 * the receiver, not a parameter.
 */

describe('taint through indirect calls of a function of the file', () => {
  it('a constant alias, .call() and .apply() bind the parameters from the arguments', () => {
    for (const call of [
      'const run = runTool; run(req.body.cmd);',
      'runTool.call(null, req.body.cmd);',
      'runTool.apply(this, [req.body.cmd]);',
    ])
      expect(ruleFindings('command-injection', file(call))).toEqual(['3:critical']);
  });

  it('the receiver given to .call()/.apply() is not the first parameter', () => {
    for (const call of [
      "runTool.call(req.body, 'uptime');",
      "runTool.apply(req.body, ['uptime']);",
    ])
      expect(ruleFindings('command-injection', file(call))).toEqual([]);
  });
});
