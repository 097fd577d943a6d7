import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/**
 * A name assigned without a declaration is a global, not a local of the function that assigns
 * it: other functions read it, and so does code of the same function that runs on a later call,
 * before the assignment in source order. An unsafe and a safe case for each.
 */

const found = (code: string, file = 'handlers.js'): string[] =>
  analyzeSource(file, code).map((f) => `${f.rule}:${f.line}:${f.severity}`);

describe('security gate: implicit globals', () => {
  it('a global assigned input in one handler reaches a sink in another function', () => {
    const unsafe = [
      'function runStored() { return eval(lastScript); }',
      "app.post('/save', (req, res) => { lastScript = req.body.script; res.end(); });",
      "app.post('/run', (req, res) => { res.json(runStored()); });",
    ].join('\n');
    const safe = unsafe.replace('req.body.script', "'1 + 1'");
    expect(found(unsafe)).toContain('code-injection:1:critical');
    expect(found(safe)).toEqual([]);
  });

  it('a read before the assignment in the same function sees what an earlier call stored', () => {
    const unsafe = [
      "app.get('/ping', (req, res) => {",
      "  exec('ping -c 1 ' + target);",
      '  target = req.query.host;',
      "  res.send('ok');",
      '});',
    ].join('\n');
    const safe = unsafe.replace('req.query.host', "'localhost'");
    expect(found(unsafe)).toContain('command-injection:2:critical');
    expect(found(safe).filter((f) => f.startsWith('command-injection'))).toEqual([]);
  });

  it('a declared variable stays local: a later declaration elsewhere is not the global', () => {
    const code = [
      "app.get('/a', (req, res) => { let target = req.query.host; res.send('ok'); });",
      "function ping() { const target = 'localhost'; exec('ping ' + target); }",
    ].join('\n');
    expect(found(code)).toEqual([]);
  });

  it('an AngularJS $scope value in a global read before its controller assigns it', () => {
    const unsafe = [
      "angular.module('app').controller('Nav', function ($scope, $window) {",
      '  $scope.leave = function () {',
      "    $window.location.href = next + '/logout';",
      '    next = $scope.next;',
      '  };',
      '});',
    ].join('\n');
    const safe = unsafe.replace('$scope.next', "'/home'");
    expect(found(unsafe)).toContain('open-redirect:3:low');
    expect(found(safe)).toEqual([]);
  });
});
