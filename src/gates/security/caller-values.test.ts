import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/**
 * Sinks given a value that a caller passes (a parameter of the enclosing function, a component's
 * props) are reported low: a flaw only when input reaches them. Input itself keeps the sink's own
 * severity. A module name computed from neither input nor a caller's value is no flow at all: a
 * plugin or locale loader, not reported.
 */

describe("findings on a caller's value are low", () => {
  const severities = (code: string, rule: string, file = 'app.js'): string[] =>
    analyzeSource(file, code)
      .filter((f) => f.rule === rule)
      .map((f) => f.severity);

  it('reports the location set from a parameter as low, from input as medium', () => {
    expect(severities('export function leave(u) {\n  window.open(u);\n}', 'open-redirect')).toEqual(
      ['low'],
    );
    const input = "const u = new URLSearchParams(location.search).get('u');\nwindow.open(u);";
    expect(severities(input, 'open-redirect')).toEqual(['medium']);
  });

  it('reports module names and programs from parameters and prop URLs as low', () => {
    expect(severities('export const load = (l) => require(l);', 'code-injection')).toEqual(['low']);
    expect(severities("const l = pick();\nrequire('./l/' + l);", 'code-injection')).toEqual([]);
    const spawn =
      "const { spawn } = require('child_process');\nexport const run = (p) => spawn(p, []);";
    expect(severities(spawn, 'command-injection')).toEqual(['low']);
    const jsx = 'export const L = (props) => <a href={props.to}>x</a>;';
    expect(severities(jsx, 'xss', 'l.jsx')).toEqual(['low']);
  });

  it('reports SQL text a caller passes to a query with nothing bound as low', () => {
    const raw =
      "const knex = require('knex')({ client: 'pg' });\nexport const run = (text) => knex.raw(text);";
    expect(severities(raw, 'sql-injection')).toEqual(['low']);
    const bound =
      "const knex = require('knex')({ client: 'pg' });\nexport const run = (text, values) => knex.raw(text, values);";
    expect(severities(bound, 'sql-injection')).toEqual([]);
  });
});
