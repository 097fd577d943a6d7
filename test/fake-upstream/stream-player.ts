/**
 * Plays a planned SSE stream to the client, applying a step's stream faults, and
 * records usage in the ledger once the event carrying it has been flushed.
 */
import type { ServerResponse } from 'node:http';
import type { BilledUsage, Step } from './types.js';

export interface PlannedEvent {
  kind: 'meta' | 'text' | 'usage' | 'end';
  sse: string;
  /** The usage this event completes (its write means the client has it all). */
  billed?: BilledUsage;
}

export interface PlayOptions {
  ledger: BilledUsage[];
  /** Gets one entry when the stream stops, however it stops (see FakeUpstream.produced). */
  produced: BilledUsage[];
  /** The usage this reply would bill in full. */
  usage: BilledUsage;
  /** The provider's in-stream error event. */
  errorEvent: string;
  /** An event whose data is not valid JSON. */
  malformedEvent: string;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function write(res: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) resolve();
    else res.write(text, () => resolve());
  });
}

/** Resolves when the client goes away (used to hang or stall forever). */
export function untilClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) resolve();
    else res.once('close', () => resolve());
  });
}

type Cut = 'reset' | 'stall' | 'end' | 'error' | 'malformed' | null;

function cutAt(step: Step, textCount: number): Cut {
  if (step.malformedJson && textCount === 1) return 'malformed';
  if (step.midStreamError === textCount) return 'error';
  if (step.resetMidStream === textCount) return 'reset';
  if (step.stallAfterChunks === textCount) return 'stall';
  if (typeof step.truncatedSse === 'object' && step.truncatedSse.afterTextChunks === textCount) {
    return 'end';
  }
  return null;
}

async function applyCut(res: ServerResponse, cut: Exclude<Cut, null>, options: PlayOptions) {
  if (cut === 'reset') res.socket?.destroy();
  else if (cut === 'stall') await untilClosed(res);
  else {
    if (cut === 'error') await write(res, options.errorEvent);
    if (cut === 'malformed') await write(res, options.malformedEvent);
    res.end();
  }
}

/** Cut checks happen before each text event and before the first event after the text. */
function checkpoints(events: PlannedEvent[]): Set<number> {
  const points = new Set<number>();
  events.forEach((event, index) => {
    if (event.kind === 'text') points.add(index);
  });
  const lastText = Math.max(-1, ...points);
  points.add(lastText === -1 ? events.findIndex((e) => e.kind !== 'meta') : lastText + 1);
  return points;
}

/** Plays the stream, then records what it produced (input + output written). */
export async function playStream(
  res: ServerResponse,
  events: PlannedEvent[],
  step: Step,
  options: PlayOptions,
): Promise<void> {
  const written = { text: 0, usage: false };
  try {
    await playEvents(res, events, step, options, written);
  } finally {
    const { usage } = options;
    options.produced.push(
      written.usage
        ? usage
        : { ...usage, outputTokens: Math.min(written.text, usage.outputTokens) },
    );
  }
}

async function playEvents(
  res: ServerResponse,
  events: PlannedEvent[],
  step: Step,
  options: PlayOptions,
  written: { text: number; usage: boolean },
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  const points = checkpoints(events);
  let textCount = 0;
  for (const [index, event] of events.entries()) {
    const cut = points.has(index) ? cutAt(step, textCount) : null;
    if (cut) return applyCut(res, cut, options);
    if (event.kind === 'end' && step.truncatedSse === true) return void res.end();
    if (step.chunkDelayMs) await sleep(step.chunkDelayMs);
    if (res.destroyed) return;
    await write(res, event.sse);
    if (event.billed && !res.destroyed) options.ledger.push(event.billed);
    if (event.billed && !res.destroyed) written.usage = true;
    if (event.kind === 'text') textCount += 1;
    if (event.kind === 'text' && !res.destroyed) written.text += 1;
    if (event.kind === 'usage' && step.resetMidStream === 'after-usage') {
      return void res.socket?.destroy();
    }
  }
  res.end();
}

export function sseData(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
