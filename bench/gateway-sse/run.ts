/**
 * The pass-through's SSE usage scanner: the hand-written line splitter against
 * eventsource-parser@3 (issue 10.6), on the same recorded-shape streams cut into
 * socket-sized pieces that split lines and events. Both feed the same payload
 * reader; a run whose result differs from the other's counts as an error.
 *
 *   npm run bench:gateway-sse [-- --streams 400 --rounds 5]
 */
import { createParser } from 'eventsource-parser';
import {
  emptyScanned,
  scanData,
  SseUsageScanner,
  type Scanned,
} from '../../src/server/passthrough/usage-scan.js';
import type { WireFormat } from '../../src/providers/wire-usage.js';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

function openaiStream(words: number): string {
  const chunk = (delta: unknown, finish: string | null, usage?: unknown) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: usage ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`;
  let out = chunk({ role: 'assistant', content: '' }, null);
  for (let i = 0; i < words; i++) out += chunk({ content: `word${i} ` }, null);
  out += chunk({}, 'stop');
  out += chunk(null, null, {
    prompt_tokens: 12,
    completion_tokens: words,
    total_tokens: 12 + words,
  });
  return `${out}data: [DONE]\n\n`;
}

function anthropicStream(words: number): string {
  const event = (name: string, data: unknown) =>
    `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  let out = event('message_start', {
    type: 'message_start',
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'claude',
      usage: { input_tokens: 12, output_tokens: 1 },
    },
  });
  out += event('content_block_start', {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'text', text: '' },
  });
  for (let i = 0; i < words; i++)
    out += event('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: `word${i} ` },
    });
  out += event('content_block_stop', { type: 'content_block_stop', index: 0 });
  out += event('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn' },
    usage: { output_tokens: words },
  });
  return out + event('message_stop', { type: 'message_stop' });
}

/** Socket-sized pieces (37..1499 bytes) that cut lines and events anywhere. */
function pieces(text: string, seed: number): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  let state = seed;
  for (let at = 0; at < bytes.length;) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const size = 37 + (state % 1_463);
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

function handWritten(format: WireFormat, chunks: Buffer[]): Scanned {
  const scanner = new SseUsageScanner(format, () => undefined);
  for (const chunk of chunks) scanner.push(chunk);
  return scanner.scanned;
}

function withParser(format: WireFormat, chunks: Buffer[]): Scanned {
  const scanned = emptyScanned(false);
  const decoder = new TextDecoder();
  const parser = createParser({ onEvent: (event) => void scanData(format, event.data, scanned) });
  for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }));
  return scanned;
}

interface Corpus {
  format: WireFormat;
  streams: Buffer[][];
  events: number;
}

function corpus(format: WireFormat, count: number): Corpus {
  const streams: Buffer[][] = [];
  let events = 0;
  for (let i = 0; i < count; i++) {
    const words = 20 + (i % 200);
    events += words + 5;
    const text = format === 'anthropic' ? anthropicStream(words) : openaiStream(words);
    streams.push(pieces(text, i + 1));
  }
  return { format, streams, events };
}

function time(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started);
}

function main(): void {
  const count = arg('streams', 400);
  const rounds = arg('rounds', 5);
  for (const format of ['openai-chat', 'anthropic'] as const) {
    const c = corpus(format, count);
    const ns = { hand: [] as number[], parser: [] as number[] };
    let errors = 0;
    for (let round = 0; round < rounds + 1; round++) {
      const hand = time(() => c.streams.forEach((s) => handWritten(format, s)));
      const parser = time(() => c.streams.forEach((s) => withParser(format, s)));
      if (round === 0) continue; // warm-up
      ns.hand.push(hand / c.events);
      ns.parser.push(parser / c.events);
    }
    for (const s of c.streams) {
      const a = handWritten(format, s);
      const b = withParser(format, s);
      if (JSON.stringify(a) !== JSON.stringify(b) || !a.complete || !a.usageFinal) errors += 1;
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
    const hand = median(ns.hand);
    const parser = median(ns.parser);
    console.log(
      JSON.stringify({
        format,
        streams: count,
        events: c.events,
        handWrittenNsPerEvent: Math.round(hand),
        eventsourceParserNsPerEvent: Math.round(parser),
        parserOverHand: Number((parser / hand).toFixed(2)),
        errors,
      }),
    );
  }
}

main();
