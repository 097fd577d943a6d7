/**
 * One measurement in its own process (bench/tokens/run.ts starts it): the RSS an
 * o200k_base counter adds, in this thread or on a worker thread (as metering runs it),
 * its build time, and the time to count the texts given. Prints one JSON line. The
 * compact counter is the built one (dist/), so the worker runs no TypeScript loader.
 *   node --expose-gc --import tsx bench/tokens/probe.ts <gpt-tokenizer|compact> <thread|worker> <texts.json>
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const compactModule = new URL('../../dist/gateway/tokens/o200k.js', import.meta.url).href;
const referencePath = createRequire(import.meta.url).resolve('gpt-tokenizer/encoding/o200k_base');

/** Plain JavaScript, run in this thread (new Function) or as a worker's source. */
const measureSource = `
  async function measure(which, texts, load) {
    const t0 = performance.now();
    let count;
    if (which === 'compact') count = (await import(${JSON.stringify(compactModule)})).o200kCounter();
    else {
      const encoding = load(${JSON.stringify(referencePath)});
      const asText = { disallowedSpecial: new Set() };
      count = (text) => encoding.countTokens(text, asText);
    }
    const t1 = performance.now();
    let tokens = 0;
    for (const t of texts) tokens += count(t);
    const t2 = performance.now();
    let word = '';
    for (let i = 0; i < 32000; i++) word += String.fromCharCode(97 + ((i * 7919) % 26));
    const t3 = performance.now();
    const wordTokens = count(word);
    return { buildMs: t1 - t0, countMs: t2 - t1, tokens, wordMs: performance.now() - t3, wordTokens };
  }`;

interface Measured {
  buildMs: number;
  countMs: number;
  tokens: number;
  /** One 32,000-letter word with no space: one piece, the merge's worst case. */
  wordMs: number;
  wordTokens: number;
}

function onWorker(which: string, texts: string[]): Promise<Measured> {
  const source = `${measureSource}
    const { parentPort, workerData } = require('node:worker_threads');
    measure(workerData.which, workerData.texts, require).then((m) => parentPort.postMessage(m));
    setInterval(() => undefined, 60000); // stays up, as metering's does: its RSS is measured`;
  const resourceLimits = { maxYoungGenerationSizeMb: 4 }; // as token-worker.ts runs it
  const worker = new Worker(source, { eval: true, workerData: { which, texts }, resourceLimits });
  return new Promise((resolve) => worker.once('message', resolve));
}

function inThread(which: string, texts: string[]): Promise<Measured> {
  const run = new Function(
    'which',
    'texts',
    'load',
    `${measureSource}; return measure(which, texts, load);`,
  );
  return run(which, texts, createRequire(import.meta.url)) as Promise<Measured>;
}

const [which = 'compact', where = 'thread', textsFile = ''] = process.argv.slice(2);
const texts = JSON.parse(readFileSync(textsFile, 'utf8')) as string[];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
gc();
const rss0 = process.memoryUsage().rss;
const result = where === 'worker' ? await onWorker(which, texts) : await inThread(which, texts);
gc();
await new Promise((r) => setTimeout(r, 300));
const rssMb = (process.memoryUsage().rss - rss0) / 1e6;
console.log(JSON.stringify({ which, where, rssMb, ...result }));
process.exit(0);
