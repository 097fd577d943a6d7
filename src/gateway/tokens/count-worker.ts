/**
 * The token counting worker's entry (token-worker.ts starts it): builds o200k_base
 * once, off the event loop, and answers batches of counts.
 */
import { parentPort } from 'node:worker_threads';
import { o200kCounter } from './o200k.js';

export interface CountRequest {
  id: number;
  texts: string[];
}

export interface CountReply {
  id: number;
  counts: number[];
}

parentPort?.on('message', ({ id, texts }: CountRequest) => {
  const count = o200kCounter();
  parentPort?.postMessage({ id, counts: texts.map(count) } satisfies CountReply);
});
