import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/** Taint carried by `this` fields, object-literal and prototype methods, and filled containers. */

function rulesOf(code: string, file = 'app.js'): string[] {
  return analyzeSource(file, code).map((f) => f.rule);
}

const CP = "const { exec } = require('child_process');\n";
const route = (body: string): string => `app.get('/x', (req, res) => {\n${body}\n});\n`;

/** [what, rule, vulnerable snippet, safe look-alike]. */
const cases: [string, string, string, string][] = [
  [
    'a constructor stores input in this.cmd, another method runs it',
    'command-injection',
    `${CP}class Job { constructor(c) { this.cmd = c; } run() { exec(this.cmd); } }\n${route('new Job(req.query.c).run();')}`,
    `${CP}class Job { constructor(c) { this.cmd = c; } run() { exec(this.cmd); } }\n${route("new Job('ls').run();")}`,
  ],
  [
    'a method stores input in a field after the method that reads it',
    'command-injection',
    `${CP}class Job { run() { exec('ls ' + this.dir); } load(req) { this.dir = req.query.d; } }`,
    `${CP}class Job { run() { exec('ls ' + this.dir); } load(req) { this.dir = Number(req.query.d); } }`,
  ],
  [
    'a TypeScript parameter property holds what `new` passed',
    'command-injection',
    `${CP}class Job { constructor(private readonly dir: string) {} run() { exec('ls ' + this.dir); } }\n${route('new Job(req.query.d).run();')}`,
    `${CP}class Job { constructor(private readonly dir: string) {} run() { exec('ls ' + this.dir); } }\n${route("new Job('/tmp').run();")}`,
  ],
  [
    'a constructor function and its prototype method share this',
    'command-injection',
    `${CP}function Job(d) { this.dir = d; }\nJob.prototype.run = function () { exec('ls ' + this.dir); };\n${route('new Job(req.query.d).run();')}`,
    `${CP}function Job(d) { this.dir = d; }\nJob.prototype.run = function () { exec('ls ' + this.dir); };\n${route("new Job('/tmp').run();")}`,
  ],
  [
    'the return of an object-literal helper method carries its argument',
    'command-injection',
    `${CP}const cmds = { list(d) { return 'ls ' + d; } };\n${route('exec(cmds.list(req.query.d));')}`,
    `${CP}const cmds = { list(d) { return 'ls ' + JSON.stringify(String(d).length); } };\n${route('exec(cmds.list(req.query.d));')}`,
  ],
  [
    'the return of a prototype method carries its argument',
    'command-injection',
    `${CP}function Cmd() {}\nCmd.prototype.list = function (d) { return 'ls ' + d; };\n${route('exec(new Cmd().list(req.query.d));')}`,
    `${CP}function Cmd() {}\nCmd.prototype.list = function (d) { return 'ls /tmp'; };\n${route('exec(new Cmd().list(req.query.d));')}`,
  ],
  [
    'an array filled with push() and joined',
    'command-injection',
    `${CP}${route("const args = ['ls'];\nargs.push(req.query.d);\nexec(args.join(' '));")}`,
    `${CP}${route("const args = ['ls'];\nargs.push(String(parseInt(req.query.d, 10)));\nexec(args.join(' '));")}`,
  ],
  [
    'a Map filled with set() and read with get()',
    'command-injection',
    `${CP}${route("const m = new Map();\nm.set('cmd', req.body.c);\nexec(m.get('cmd'));")}`,
    `${CP}${route("const m = new Map();\nm.set('cmd', 'ls');\nexec(m.get('cmd'));")}`,
  ],
  [
    'Object.assign into an existing object',
    'command-injection',
    `${CP}${route('const opts = { cmd: "ls" };\nObject.assign(opts, req.body);\nexec(opts.cmd);')}`,
    `${CP}${route('const opts = { cmd: "ls" };\nObject.assign(opts, { cwd: "/tmp" });\nexec(opts.cmd);')}`,
  ],
  [
    'a line typed at the terminal (readline)',
    'command-injection',
    `${CP}const readline = require('readline');\nconst rl = readline.createInterface({ input: process.stdin });\nrl.on('line', (line) => exec('ls ' + line));`,
    `${CP}const readline = require('readline');\nconst rl = readline.createInterface({ input: process.stdin });\nrl.on('line', (line) => exec('ls ' + JSON.stringify(Number(line))));`,
  ],
  [
    'an answer to rl.question()',
    'command-injection',
    `${CP}rl.question('dir? ', (answer) => exec('ls ' + answer));`,
    `${CP}rl.question('dir? ', (answer) => exec('ls /tmp'));`,
  ],
  [
    'Electron IPC arguments from a renderer',
    'command-injection',
    `${CP}ipcMain.handle('run', (event, cmd) => exec(cmd));`,
    `${CP}ipcMain.handle('run', (event, cmd) => exec('ls'));`,
  ],
  [
    'a switch clause assigns input; the default clause a constant (the clauses join)',
    'command-injection',
    `${CP}${route("let dir;\nswitch (req.query.mode) {\n  case 'custom': dir = req.query.dir; break;\n  default: dir = '/tmp';\n}\nexec('ls ' + dir);")}`,
    `${CP}${route("let dir;\nswitch (req.query.mode) {\n  case 'custom': dir = '/srv'; break;\n  default: dir = '/tmp';\n}\nexec('ls ' + dir);")}`,
  ],
  [
    "an HTTP client's options spread from the request body",
    'ssrf',
    `const axios = require('axios');\n${route('axios({ ...req.body.options }).then((r) => res.send(r.data));')}`,
    `const axios = require('axios');\n${route("axios({ ...req.body.options, url: 'https://api.example.com/v1' }).then((r) => res.send(r.data));")}`,
  ],
];

describe('security taint: fields, methods and containers', () => {
  for (const [what, rule, bad, good] of cases) {
    it(`${what}: reported`, () => {
      expect(rulesOf(bad)).toContain(rule);
    });
    it(`${what}: safe variant not reported`, () => {
      expect(rulesOf(good)).not.toContain(rule);
    });
  }

  it("an enum's members are constants, a value read from input is not", () => {
    const code = `${CP}enum Tool { Lint = 'eslint .', Test = 'vitest run' }\nexport function run(t: string) {\n  const cmd: string = Tool.Lint;\n  exec(cmd);\n}`;
    expect(rulesOf(code, 'tools.ts')).not.toContain('command-injection');
    const bad = `${CP}enum Tool { Lint = 'eslint .' }\n${route('exec(Tool.Lint + req.query.args);')}`;
    expect(rulesOf(bad, 'tools.ts')).toContain('command-injection');
  });

  it('fields of different classes do not mix', () => {
    const code = `${CP}class A { set(req) { this.cmd = req.query.c; } }\nclass B { constructor() { this.cmd = 'ls'; } run() { exec(this.cmd); } }`;
    expect(rulesOf(code)).not.toContain('command-injection');
  });
});

describe('prototype pollution: path-setter loop steps', () => {
  const pp = (code: string): number[] =>
    analyzeSource('set.js', code)
      .filter((f) => f.rule === 'prototype-pollution')
      .map((f) => f.line);

  it('reports a step written with && before the write', () => {
    const code =
      'function set(o, parts, v) {\n  let t = o;\n  for (const p of parts.slice(0, -1)) {\n    t = t[p] && t[p];\n  }\n  t[parts[parts.length - 1]] = v;\n}';
    expect(pp(code)).toEqual([4]);
  });

  it('accepts the same loop when the key is checked', () => {
    const code =
      "function set(o, parts, v) {\n  let t = o;\n  for (const p of parts.slice(0, -1)) {\n    if (p === '__proto__' || p === 'constructor') return;\n    t = t[p] && t[p];\n  }\n  t[parts[parts.length - 1]] = v;\n}";
    expect(pp(code)).toEqual([]);
  });
});
