import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { lowestPriority } from './thread-priority.js';

/** The nice value of a thread, from its /proc stat line (field 19). */
function niceOf(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[16]);
}

/** Runs lowerThreadPriority in a fresh worker thread; answers that thread's nice value after. */
function lowerInWorker(): Promise<number> {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const target = JSON.stringify(new URL('./thread-priority.ts', import.meta.url).href);
  const source =
    `const { parentPort } = require('node:worker_threads');` +
    `import(${tsx}).then((api) => { api.register(); return import(${target}); })` +
    `.then((m) => { m.lowerThreadPriority(m.lowestPriority);` +
    `  const stat = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8');` +
    `  parentPort.postMessage(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])); })`;
  const worker = new Worker(source, { eval: true });
  return new Promise<number>((resolve, reject) => {
    worker.once('message', (nice: number) => void worker.terminate().then(() => resolve(nice)));
    worker.once('error', reject);
  });
}

describe.skipIf(process.platform !== 'linux')(
  'lowerThreadPriority (Linux only: per-thread priority is a Linux feature)',
  () => {
    it('puts the calling thread at nice 19 and leaves the rest of the process alone', async () => {
      const thisThread = niceOf('/proc/thread-self/stat');
      const mainThread = niceOf(`/proc/${process.pid}/stat`);
      expect(await lowerInWorker()).toBe(lowestPriority);
      expect(niceOf('/proc/thread-self/stat')).toBe(thisThread);
      expect(niceOf(`/proc/${process.pid}/stat`)).toBe(mainThread);
    });
  },
);
