import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** An `emit(event, data)` of the file calls the listeners the file registers for that event. */
describe('event emitters of the same file', () => {
  it('passes the emitted payload to inline and named listeners of the same emitter', () => {
    const code = lines(
      "const { exec } = require('child_process');",
      "const EventEmitter = require('events');",
      'const jobs = new EventEmitter();',
      "jobs.on('run', (job) => exec(job.cmd));",
      'function onClean(dir) {',
      "  exec('rm -rf ' + dir);",
      '}',
      "jobs.once('clean', onClean);",
      "app.post('/jobs', (req, res) => {",
      "  jobs.emit('run', req.body);",
      "  jobs.emit('clean', req.query.dir);",
      '});',
    );
    expect(ruleFindings('command-injection', code)).toEqual(['4:critical', '6:critical']);
  });

  it('does not mix events or emitters, nor report constant payloads', () => {
    const code = lines(
      "const { exec } = require('child_process');",
      "const EventEmitter = require('events');",
      'const jobs = new EventEmitter();',
      'const audit = new EventEmitter();',
      "jobs.on('run', (job) => exec(job.cmd));",
      "app.post('/jobs', (req, res) => {",
      "  audit.emit('run', req.body);",
      "  jobs.emit('log', req.body);",
      "  jobs.emit('run', { cmd: 'uptime' });",
      '});',
    );
    expect(ruleFindings('command-injection', code)).toEqual([]);
  });
});
