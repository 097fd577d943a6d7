import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { niceOf } from './test-support/thread-nice.js';
import { lowestPriority } from './thread-priority.js';

/** Runs lowerThreadPriority in a fresh worker thread; answers that thread's nice value after. */
function lowerInWorker(): Promise<number> {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const target = JSON.stringify(new URL('./thread-priority.ts', import.meta.url).href);
  const source =
    `const { parentPort } = require('node:worker_threads');` +
    `import(${tsx}).then((api) => { api.register(); return import(${target}); })` +
    `.then((m) => { m.lowerThreadPriority(m.lowestPriority);` +
    `  parentPort.postMessage(require('node:fs').readlinkSync('/proc/thread-self')); })`;
  const worker = new Worker(source, { eval: true });
  return new Promise<number>((resolve, reject) => {
    worker.once('message', (self: string) => {
      const nice = niceOf(`/proc/${self}/stat`); // read while the thread still runs
      void worker.terminate().then(() => resolve(nice));
    });
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
