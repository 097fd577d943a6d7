import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/**
 * Handlers registered by name (route-callbacks.ts): `app.get('/x', show)` is a route whatever
 * its parameters are called, `addEventListener('message', onMessage)` receives message events.
 */

const found = (code: string, rule: string): string[] =>
  analyzeSource('app.js', code)
    .filter((f) => f.rule === rule)
    .map((f) => `${f.line}:${f.severity}`);

describe('handlers registered by name', () => {
  it('reads a route handler registered by name as a route, whatever its parameter names', () => {
    const code = [
      "const { exec, execFile } = require('child_process');",
      "const app = require('express')();",
      'function ping(rq, rs) {',
      "  exec('ping ' + rq.query.host);",
      "  rs.send('<p>' + rq.query.host + '</p>');",
      '}',
      'function safePing(rq, rs) {',
      "  execFile('ping', ['-c', '1', String(rq.query.host)]);",
      '  rs.json({ ok: true });',
      '}',
      "app.get('/ping', ping);",
      "app.get('/safe-ping', safePing);",
    ].join('\n');
    expect(found(code, 'command-injection')).toEqual(['4:critical']);
    expect(found(code, 'xss')).toEqual(['5:high']);
  });

  it("reads a controller's method registered as a route", () => {
    const code = [
      "const app = require('express')();",
      'const users = {',
      '  profile(rq, rs) {',
      "    rs.send('<h1>' + rq.params.name + '</h1>');",
      '  },',
      '};',
      "app.get('/users/:name', users.profile);",
    ].join('\n');
    expect(found(code, 'xss')).toEqual(['4:high']);
  });

  it('reads a message listener registered by name; not a callback given to something else', () => {
    const code = [
      'function onMessage(msg) {',
      '  eval(msg.data);',
      '}',
      "window.addEventListener('message', onMessage);",
      'function onTick(t) {',
      '  eval(t.data);',
      '}',
      'timer.subscribe(onTick);',
    ].join('\n');
    expect(found(code, 'code-injection')).toEqual(['2:critical', '6:low']);
  });
});
