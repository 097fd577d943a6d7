import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/** Sinks handed over as callbacks (callback-sinks.ts): an unsafe and a safe form of each. */

const found = (code: string): string[] =>
  analyzeSource('app.js', code).map((f) => `${f.rule}:${f.line}:${f.severity}`);

const route = (imports: string, body: string): string =>
  `${imports}\nconst express = require('express');\nconst app = express();\napp.post('/run', (req, res) => {\n${body}\n});\n`;

describe('security gate: sinks passed as callbacks', () => {
  it('promise.then(eval) evaluates the promise value', () => {
    expect(found(route('', '  Promise.resolve(req.body.code).then(eval);'))).toContain(
      'code-injection:5:critical',
    );
    expect(found(route('', "  Promise.resolve('1 + 1').then(eval);"))).toEqual([]);
  });

  it('array.forEach(execSync) runs every element as a shell command', () => {
    const cp = "const { execSync } = require('child_process');";
    expect(found(route(cp, '  req.body.steps.forEach(execSync);'))).toContain(
      'command-injection:5:critical',
    );
    expect(found(route(cp, "  ['npm ci', 'npm test'].forEach(execSync);"))).toEqual([]);
  });

  it('a function that is no sink is not reported', () => {
    const code = route('', '  req.body.items.forEach(console.log);\n  req.body.items.map(String);');
    expect(found(code)).toEqual([]);
  });
});
