import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/** Script-loading APIs (script-loads.ts): an unsafe and a safe form of each. */

const found = (code: string): string[] =>
  analyzeSource('page.js', code)
    .filter((f) => f.rule === 'code-injection')
    .map((f) => `${f.line}:${f.severity}`);

const hash = 'location.hash.slice(1)';

describe('script-loading sinks', () => {
  it("jQuery's ajax() with dataType script or jsonp", () => {
    const unsafe = `jQuery.ajax({ url: ${hash}, dataType: 'script' });\n$.ajax(${hash}, { dataType: 'jsonp' });`;
    expect(found(unsafe)).toEqual(['1:high', '2:high']);
    expect(found(`$.ajax({ url: ${hash}, dataType: 'json' });`)).toEqual([]);
  });

  it("a worker's importScripts() of a URL from a message", () => {
    expect(found('self.onmessage = (e) => { importScripts(e.data.url); };')).toEqual(['1:high']);
    expect(found("self.onmessage = (e) => { importScripts('/lib/' + e.data.name); };")).toEqual([]);
  });

  it("a worker's script URL from input, in the browser and in worker_threads", () => {
    expect(found(`const w = new Worker(${hash});`)).toEqual(['1:high']);
    expect(found(`const w = new window.SharedWorker(${hash});`)).toEqual(['1:high']);
    expect(found("const w = new Worker('/workers/' + location.hash.slice(1));")).toEqual([]);
    expect(found("const w = new Worker(new URL('./worker.js', import.meta.url));")).toEqual([]);
    const server = (arg: string): string =>
      `const { Worker } = require('worker_threads');\nrequire('express')().post('/job', (req, res) => {\n  new Worker(${arg});\n});`;
    expect(found(server('req.body.script'))).toEqual(['3:high']);
    expect(found(server("'./jobs/resize.js'"))).toEqual([]);
    expect(found(server("require('path').join(__dirname, 'jobs/resize.js')"))).toEqual([]);
  });

  it('a Worker class of another library is not a web worker', () => {
    expect(found(`const w = new pool.Worker(${hash});`)).toEqual([]);
  });
});
