import { describe, expect, it } from 'vitest';
import { routeBesideRunTool as file, ruleFindings } from './test-support/rule-findings.js';

/** A function of the file passed by name as a callback (callback-sites.ts). */

describe('taint into named callbacks', () => {
  it('array iteration, promise values and timer arguments reach the named function', () => {
    for (const call of [
      'req.body.commands.forEach(runTool);',
      'Promise.resolve(req.body.cmd).then(runTool);',
      'setTimeout(runTool, 100, req.body.cmd);',
      'setImmediate(runTool, req.body.cmd);',
    ])
      expect(ruleFindings('command-injection', file(call))).toEqual(['3:critical']);
  });

  it('constant elements and constant timer arguments keep the function quiet', () => {
    for (const call of [
      "['uptime', 'df -h'].forEach(runTool);",
      "setTimeout(runTool, 100, 'uptime');",
    ])
      expect(ruleFindings('command-injection', file(call))).toEqual([]);
  });
});
