/**
 * The hot path's payload checks against the zod schemas they replace (ADR 0041), in one
 * process, alternating rounds: a small and a ~500 KB chat request (the request check),
 * a JSON answer and a stream's chunks (the upstream payload reader). Prints ns per
 * call and the speed-up (median of 5 rounds).
 *
 *   npm run bench:payload-checks
 */
import { isPlainChatRequest } from '../../src/server/schemas/chat-request-check.js';
import { chatCompletionRequestSchema } from '../../src/server/schemas/openai.js';
import { openaiPayloadOf } from '../../src/providers/wire-payload.js';
import { openaiPayload } from '../../src/providers/wire-usage.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const message = (i: number) => ({
  role: i % 2 ? 'assistant' : 'user',
  content: `turn ${i} `.repeat(40),
});
const small = { model: 'bench', messages: [message(0)], stream: false };
const large = { model: 'bench', messages: Array.from({ length: 1300 }, (_, i) => message(i)) };
const answer = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'Hello there.' }, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
};
const chunk = {
  id: 'c',
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta: { content: 'Hi' } }],
};

interface Case {
  name: string;
  zod: () => unknown;
  check: () => unknown;
  calls: number;
}

const cases: Case[] = [
  {
    name: 'chat request, small',
    zod: () => chatCompletionRequestSchema.safeParse(small),
    check: () => isPlainChatRequest(small),
    calls: 200_000,
  },
  {
    name: 'chat request, ~500 KB',
    zod: () => chatCompletionRequestSchema.safeParse(large),
    check: () => isPlainChatRequest(large),
    calls: 300,
  },
  {
    name: 'upstream JSON answer',
    zod: () => openaiPayload.safeParse(answer),
    check: () => openaiPayloadOf(answer),
    calls: 200_000,
  },
  {
    name: 'upstream SSE chunk',
    zod: () => openaiPayload.safeParse(chunk),
    check: () => openaiPayloadOf(chunk),
    calls: 200_000,
  },
];

/** ns per call, after a GC so that no round pays for the previous one's garbage. */
function measure(fn: () => unknown, calls: number): number {
  gc?.();
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i += 1) fn();
  return Number(process.hrtime.bigint() - started) / calls;
}

const rows = cases.map((c) => {
  for (let i = 0; i < Math.min(c.calls, 2000); i += 1) {
    c.zod(); // warm-up
    c.check();
  }
  const zod: number[] = [];
  const check: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    zod.push(measure(c.zod, c.calls));
    check.push(measure(c.check, c.calls));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2] as number;
  return {
    payload: c.name,
    'zod ns/call': Math.round(median(zod)),
    'check ns/call': Math.round(median(check)),
    'speed-up': +(median(zod) / median(check)).toFixed(1),
  };
});
console.table(rows);
