import { describe, expect, it } from 'vitest';
import type { Provider, ProviderCall, StreamEvent } from '../gateway/types.js';
import { createSecretDetector } from '../secrets/detect.js';
import { redactingProvider } from './redacting-provider.js';

const github = 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';
const aws = 'AKIA' + 'QWERTYUIOPASDFGH';
const prompt = `token ${github} and key ${aws}; again ${github}`;

/** An upstream that records what it was sent and echoes it, cut into the given chunks. */
function echoProvider(cuts: () => number[]) {
  const sent: string[] = [];
  const provider: Provider = {
    name: 'echo',
    kind: 'openai-compatible',
    async generate(call) {
      sent.push(JSON.stringify(call.request));
      return { text: call.request.messages.at(-1)!.content, usage: null, finishReason: 'stop' };
    },
    async *stream(call): AsyncIterable<StreamEvent> {
      sent.push(JSON.stringify(call.request));
      const text = call.request.messages.at(-1)!.content;
      let prev = 0;
      for (const cut of [...cuts(), text.length]) {
        yield { type: 'text', text: text.slice(prev, cut) };
        prev = cut;
      }
      yield { type: 'finish', finishReason: 'stop' };
    },
  };
  return { provider, sent };
}

const call = (content: string): ProviderCall => ({
  request: { task: 'chat', messages: [{ role: 'user', content }] },
  model: {
    alias: 'm',
    provider: 'echo',
    modelId: 'm',
    contextWindow: 1000,
    capabilities: ['chat'],
    price: null,
    costPerHourMicros: null,
  },
  signal: new AbortController().signal,
});

const detector = createSecretDetector();

describe('redactingProvider', () => {
  it('non-streaming: the upstream never sees a secret; the answer is restored', async () => {
    const echo = echoProvider(() => []);
    const out = await redactingProvider(echo.provider, detector).generate(call(prompt));
    expect(echo.sent.join()).not.toContain(github);
    expect(echo.sent.join()).not.toContain(aws);
    expect(echo.sent.join()).toContain('[REDACTED:');
    expect(out.text).toBe(prompt);
  });

  it('streaming fuzz: the echo split at every character boundary — 0 leaks, 0 placeholders left', async () => {
    let split = 0;
    const echo = echoProvider(() => [split]);
    const wrapped = redactingProvider(echo.provider, detector);
    // the masked prompt's length bounds the split points
    await wrapped.generate(call(prompt));
    const maskedLength = (JSON.parse(echo.sent[0]!) as { messages: { content: string }[] })
      .messages[0]!.content.length;
    let leaks = 0;
    let leftovers = 0;
    for (split = 0; split <= maskedLength; split++) {
      let text = '';
      for await (const e of wrapped.stream(call(prompt))) if (e.type === 'text') text += e.text;
      if (echo.sent.at(-1)!.includes(github) || echo.sent.at(-1)!.includes(aws)) leaks++;
      if (text.includes('[REDACTED:')) leftovers++;
      expect(text, `split at ${split}`).toBe(prompt);
    }
    expect({ leaks, leftovers }).toEqual({ leaks: 0, leftovers: 0 });
  });

  it('every pair of split points across both placeholders', async () => {
    const cuts: [number, number] = [0, 0];
    const echo = echoProvider(() => [...cuts]);
    const wrapped = redactingProvider(echo.provider, detector);
    const masked = `token [REDACTED:github-token:1] and key [REDACTED:aws-access-key-id:1]`;
    for (let a = 0; a <= masked.length; a += 3) {
      for (let b = a; b <= masked.length; b += 5) {
        cuts[0] = a;
        cuts[1] = b;
        let text = '';
        for await (const e of wrapped.stream(call(`token ${github} and key ${aws}`)))
          if (e.type === 'text') text += e.text;
        expect(text).toBe(`token ${github} and key ${aws}`);
      }
    }
    expect(echo.sent.join()).not.toContain(github);
  });
});
