import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';
import { lines } from './test-support/rule-findings.js';

/**
 * Where a finding is reported when the flaw spans lines: at the first line of the sink call or
 * assignment (the statement's first line), not at the line of the tainted argument or of the
 * source; the message names the source's line and `endLine` the sink's last line.
 */

const at = (code: string, rule: string): string[] =>
  analyzeSource('app.js', code)
    .filter((f) => f.rule === rule)
    .map((f) => `${f.line}-${f.endLine}`);

const route = (body: string): string =>
  ["app.get('/r', async (req, res) => {", '  const q = req.query;', body, '});'].join('\n');

describe('security gate: the line of a multi-line finding', () => {
  it('a sink call whose tainted argument is on a later line: the call line', () => {
    const code = route(
      ['', '  await db.query(', "    'SELECT * FROM t WHERE id = ' + q.id,", '  );'].join('\n'),
    );
    expect(at(code, 'sql-injection')).toEqual(['4-6']);
  });

  it('a declaration whose initializer calls the sink over several lines: its first line', () => {
    const code = route(
      ['', '  const out = execSync(', '    `convert ${q.file} out.png`,', '  );'].join('\n'),
    );
    expect(at(code, 'command-injection')).toEqual(['4-6']);
  });

  it('an assignment sink with its value on the next line: the assignment line', () => {
    const code = [
      'function show() {',
      "  document.getElementById('o').innerHTML =",
      "    '<b>' + location.hash.slice(1) + '</b>';",
      '}',
    ].join('\n');
    expect(at(code, 'xss')).toEqual(['2-3']);
  });

  it('a source on an earlier line: still the sink line', () => {
    const code = route(['  const cmd = q.cmd;', '', '  exec(cmd);'].join('\n'));
    expect(at(code, 'command-injection')).toEqual(['5-5']);
  });
});

describe('security gate: a flow written as one block of two lines (ADR 0045)', () => {
  it('a value set on the line just above the sink and passed to it: from that line', () => {
    const code = route(['  const cmd = `convert ${q.file} out.png`;', '  exec(cmd);'].join('\n'));
    expect(at(code, 'command-injection')).toEqual(['3-4']);
  });

  it('a destructuring declaration sets its names too', () => {
    const code = route(['  const { file } = q;', '  exec(`convert ${file} out.png`);'].join('\n'));
    expect(at(code, 'command-injection')).toEqual(['3-4']);
  });

  it('the value written to a DOM member: from the line that sets it', () => {
    const code = [
      'function show() {',
      '  const name = location.hash.slice(1);',
      "  document.getElementById('o').innerHTML = name;",
      '}',
    ].join('\n');
    expect(at(code, 'xss')).toEqual(['2-3']);
  });

  it('a blank line between them: the sink alone', () => {
    const code = route(
      ['  const cmd = `convert ${q.file} out.png`;', '', '  exec(cmd);'].join('\n'),
    );
    expect(at(code, 'command-injection')).toEqual(['5-5']);
  });

  it('a literal or a callback set just above, or a variable the sink does not receive: the sink alone', () => {
    const literal = route(["  let cmd = 'convert ';", '  exec(cmd + q.file);'].join('\n'));
    expect(at(literal, 'command-injection')).toEqual(['4-4']);
    const receiver = route(
      ['  const shell = require("shelljs");', '  shell.exec(q.cmd);'].join('\n'),
    );
    expect(at(receiver, 'command-injection')).toEqual(['4-4']);
    const callback = route(['  const done = () => res.end();', '  exec(q.cmd, done);'].join('\n'));
    expect(at(callback, 'command-injection')).toEqual(['4-4']);
  });

  it('not for a key or option written in place: the variable above is no part of the flaw', () => {
    const code = lines(
      "const jwt = require('jsonwebtoken');",
      "const token = jwt.sign({ id: 1 }, 'hs256-signing-secret');",
      "jwt.verify(token, 'hs256-signing-secret');",
    );
    expect(analyzeSource('a.js', code).map((f) => `${f.rule}:${f.line}`)).toEqual([
      'hardcoded-credentials:2',
      'hardcoded-credentials:3',
    ]);
  });

  it('in a nested block and in a case clause, too', () => {
    const code = route(
      [
        '  switch (q.mode) {',
        "    case 'a': {",
        '      const file = q.file;',
        '      exec(file);',
        '    }',
        "    case 'b':",
        '      const dir = q.dir;',
        '      exec(dir);',
        '  }',
      ].join('\n'),
    );
    expect(at(code, 'command-injection')).toEqual(['5-6', '9-10']);
  });
});

describe('security gate: the line of HTML built in a loop and then sent', () => {
  it('is the step that splices the loop value in, never the constant start', () => {
    const code = route(
      [
        "  let html = '<ul>';",
        '  for (const [k, v] of Object.entries(q)) html += `<li>${k}=${v}</li>`;',
        "  html += '</ul>';",
        '  res.send(html);',
      ].join('\n'),
    );
    expect(at(code, 'xss').map((l) => l.split('-')[0])).toEqual(['4']);
  });

  it("a Lambda's text/html body built beforehand: once, where the input goes in", () => {
    const code = [
      'exports.handler = async (event) => {',
      '  const html = `<h1>${event.queryStringParameters.name}</h1>`;',
      "  return { statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: html };",
      '};',
    ].join('\n');
    expect(at(code, 'xss').map((l) => l.split('-')[0])).toEqual(['2']);
  });

  it('HTML held in a property of a local object and sent: once, at the property', () => {
    const code = route(
      ["  const page = { title: 'x', html: '<p>' + q.x + '</p>' };", '  res.send(page.html);'].join(
        '\n',
      ),
    );
    expect(at(code, 'xss').map((l) => l.split('-')[0])).toEqual(['3']);
  });
});
