import { describe, expect, it } from 'vitest';
import { createPatternsGate, patternFindings, requiredPatterns } from './patterns.js';

const all = ['io-error-handling', 'exported-doc-comments', 'structured-logging'] as const;
const rules = (code: string, path = '/p/src/a.ts') =>
  patternFindings(path, code, [...all], '/p').map((f) => [f.rule, f.line]);

describe('io-error-handling', () => {
  it('flags awaited fetch, fs promises, sync fs and db calls outside try/catch', () => {
    const code = `import { readFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import fs from 'fs';
async function load(db: { query(q: string): Promise<unknown> }) {
  const res = await fetch('https://x');
  const text = await fsp.readFile('a');
  const raw = readFileSync('b');
  const rows = await db.query('select 1');
  fs.writeFileSync('c', 'd');
  return [res, text, raw, rows];
}`;
    expect(rules(code).filter(([r]) => r === 'io-error-handling')).toEqual([
      ['io-error-handling', 5],
      ['io-error-handling', 6],
      ['io-error-handling', 7],
      ['io-error-handling', 8],
      ['io-error-handling', 9],
    ]);
  });

  it('accepts calls inside try/catch, with .catch(), returned promises and non-throwing fs calls', () => {
    const code = `import { existsSync, readFileSync, readFile } from 'node:fs';
async function load() {
  try {
    const res = await fetch('https://x');
    return readFileSync('a') + String(res);
  } catch (error) {
    throw new Error('load failed', { cause: error });
  }
}
async function other() {
  const res = await fetch('https://y').catch(() => undefined);
  if (existsSync('x')) readFile('x', () => {});
  return fetch('https://z');
}`;
    expect(rules(code).filter(([r]) => r === 'io-error-handling')).toEqual([]);
  });

  it('does not count a try whose catch is missing, nor a try around the enclosing function', () => {
    const code = `async function a() {
  try { await fetch('x'); } finally { console.debug('done'); }
}
async function b() {
  try {
    const run = async () => { await fetch('y'); };
    await run();
  } catch { /* handled */ }
}`;
    expect(rules(code).filter(([r]) => r === 'io-error-handling')).toEqual([
      ['io-error-handling', 2],
      ['io-error-handling', 6],
    ]);
  });
});

describe('exported-doc-comments', () => {
  it('flags exported functions, classes and function consts without JSDoc', () => {
    const code = `/** Documented. */
export function documented() {}
// a line comment is not JSDoc
export function bare() {}
export class Service {}
export const handler = () => 1;
export const value = 1;
function internal() {}
/** Overloads: the first one carries the doc. */
export function over(a: string): string;
export function over(a: number): number;
export function over(a: unknown) { return a; }`;
    expect(rules(code)).toEqual([
      ['exported-doc-comments', 4],
      ['exported-doc-comments', 5],
      ['exported-doc-comments', 6],
    ]);
  });
});

describe('structured-logging', () => {
  it('flags console calls that build strings, outside test files', () => {
    const code = `const id = 1;
console.log('user ' + id);
console.error(\`failed for \${id}\`);
console.info('plain message', { id });
console.log(\`no substitutions\`);`;
    expect(rules(code)).toEqual([
      ['structured-logging', 2],
      ['structured-logging', 3],
    ]);
    expect(rules(code, '/p/src/a.test.ts')).toEqual([]);
    expect(rules(code, '/p/test/helpers.ts')).toEqual([]);
  });
});

describe('patterns gate', () => {
  it('checks only the required patterns (defaults: io-error-handling, exported-doc-comments)', async () => {
    expect(requiredPatterns({})).toEqual(['io-error-handling', 'exported-doc-comments']);
    const code = "export function f() { console.log('a' + 1); }\n";
    const gate = createPatternsGate();
    const run = (options: Record<string, unknown>) =>
      gate.run(
        { root: '/p', files: [{ path: '/p/a.ts', content: code }], options },
        new AbortController().signal,
      );
    expect((await run({})).findings.map((f) => f.rule)).toEqual(['exported-doc-comments']);
    const logging = await run({ require: ['structured-logging'] });
    expect(logging.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['structured-logging', 'low'],
    ]);
  });
});
