import { describe, expect, it } from 'vitest';
import { createSecretDetector } from '../secrets/detect.js';
import { SseRestorer } from './sse-restorer.js';
import { redactWireBody, restoreJsonBytes } from './wire-redaction.js';

const github = 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';
const aws = 'AKIA' + 'QWERTYUIOPASDFGH';
const detector = createSecretDetector();

/** A masked request body and its vault: the text the upstream would echo. */
async function masked(text: string) {
  const { body, redaction } = await redactWireBody(detector, {
    model: 'm',
    messages: [{ role: 'user', content: text }],
  });
  const sent = (body.messages as { content: string }[])[0]!.content;
  return { sent, entries: redaction.entries };
}

const openaiEvent = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

/** An OpenAI stream echoing `text` as content and again as tool arguments, 3 characters a chunk. */
function openaiStream(text: string): string {
  const pieces = text.match(/[\s\S]{1,3}/g) ?? [];
  const args = JSON.stringify({ q: text });
  const argPieces = args.match(/[\s\S]{1,4}/g) ?? [];
  return [
    openaiEvent({ role: 'assistant', content: '' }),
    ...pieces.map((p) => openaiEvent({ content: p })),
    ...argPieces.map((p) =>
      openaiEvent({ tool_calls: [{ index: 0, function: { arguments: p } }] }),
    ),
    openaiEvent({}, 'tool_calls'),
    'data: [DONE]\n\n',
  ].join('');
}

function anthropicStream(text: string): string {
  const event = (type: string, data: object) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const pieces = text.match(/[\s\S]{1,3}/g) ?? [];
  const args = JSON.stringify({ q: text }).match(/[\s\S]{1,5}/g) ?? [];
  return [
    event('message_start', {
      message: { id: 'msg', usage: { input_tokens: 3, output_tokens: 1 } },
    }),
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    ...pieces.map((p) =>
      event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: p } }),
    ),
    event('content_block_stop', { index: 0 }),
    event('content_block_start', {
      index: 1,
      content_block: { type: 'tool_use', id: 't', name: 'f', input: {} },
    }),
    ...args.map((p) =>
      event('content_block_delta', {
        index: 1,
        delta: { type: 'input_json_delta', partial_json: p },
      }),
    ),
    event('content_block_stop', { index: 1 }),
    event('message_stop', {}),
  ].join('');
}

/** The client's view of a restored stream: its text and its tool arguments. */
function readOpenai(sse: string) {
  let text = '';
  let args = '';
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data: {')) continue;
    const delta = JSON.parse(line.slice(6)).choices[0].delta;
    text += delta.content ?? '';
    args += delta.tool_calls?.[0]?.function.arguments ?? '';
  }
  return { text, args: JSON.parse(args).q as string };
}

function readAnthropic(sse: string) {
  let text = '';
  let args = '';
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data: {')) continue;
    const event = JSON.parse(line.slice(6));
    if (event.type !== 'content_block_delta') continue;
    text += event.delta.text ?? '';
    args += event.delta.partial_json ?? '';
  }
  return { text, args: JSON.parse(args).q as string };
}

function pipeSplitAt(restorer: SseRestorer, bytes: Buffer, cut: number): string {
  return Buffer.concat([
    restorer.push(bytes.subarray(0, cut)),
    restorer.push(bytes.subarray(cut)),
    restorer.end(),
  ]).toString('utf8');
}

describe('wire redaction of pass-through bodies', () => {
  it('masks messages, system prompts, tool arguments and tool results; leaves images and tools alone', async () => {
    const image = { type: 'image_url', image_url: { url: `data:image/png;base64,${aws}` } };
    const { body, redaction } = await redactWireBody(detector, {
      model: 'm',
      system: `deploy with ${aws}`,
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: `token ${github}` }, image] },
        {
          role: 'assistant',
          tool_calls: [
            {
              id: 'c',
              type: 'function',
              function: { name: 'lookup', arguments: JSON.stringify({ key: github }) },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'c', content: `found ${aws}` },
      ],
    });
    const sent = JSON.stringify({ ...body, messages: (body.messages as unknown[]).slice(0) });
    const withoutImage = sent.replace(JSON.stringify(image), '');
    expect(withoutImage).not.toContain(github);
    expect(withoutImage).not.toContain(aws);
    expect(sent).toContain(JSON.stringify(image)); // binary parts pass untouched
    expect(body.tools).toEqual([
      { type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } },
    ]);
    expect(redaction.count).toBe(2);
    // every tool argument string is still valid JSON
    const args = (body.messages as { tool_calls?: { function: { arguments: string } }[] }[])[1]!
      .tool_calls![0]!.function.arguments;
    expect(JSON.parse(args).key).toMatch(/^\[REDACTED:/);
  });

  it('restores a whole JSON answer, content and tool arguments alike', async () => {
    const { sent, entries } = await masked(`use ${github}`);
    const answer = {
      choices: [
        {
          message: {
            content: sent,
            tool_calls: [{ function: { arguments: JSON.stringify({ q: sent }) } }],
          },
        },
      ],
    };
    const out = JSON.parse(
      restoreJsonBytes(Buffer.from(JSON.stringify(answer)), entries).toString(),
    );
    expect(out.choices[0].message.content).toBe(`use ${github}`);
    expect(JSON.parse(out.choices[0].message.tool_calls[0].function.arguments).q).toBe(
      `use ${github}`,
    );
  });
});

describe('SseRestorer: a stream cut at every byte, 0 placeholders and 0 secrets lost', () => {
  const original = `key ${github} and ${aws}, again ${github}.`;

  it('OpenAI chat: content and tool-call arguments', async () => {
    const { sent, entries } = await masked(original);
    expect(sent).not.toContain(github);
    const bytes = Buffer.from(openaiStream(sent));
    for (let cut = 0; cut <= bytes.length; cut++) {
      const out = pipeSplitAt(new SseRestorer('openai-chat', entries), bytes, cut);
      expect(out).not.toContain('[REDACTED:');
      expect(readOpenai(out)).toEqual({ text: original, args: original });
    }
  });

  it('Anthropic messages: text and input_json deltas', async () => {
    const { sent, entries } = await masked(original);
    const bytes = Buffer.from(anthropicStream(sent));
    for (let cut = 0; cut <= bytes.length; cut += 3) {
      const out = pipeSplitAt(new SseRestorer('anthropic', entries), bytes, cut);
      expect(out).not.toContain('[REDACTED:');
      expect(readAnthropic(out)).toEqual({ text: original, args: original });
    }
  });

  it('holds back a placeholder prefix only until it stops matching, and flushes it before the finish', async () => {
    const { entries } = await masked(`x ${github}`);
    const restorer = new SseRestorer('openai-chat', entries);
    const held = restorer.push(Buffer.from(openaiEvent({ content: 'see [RED' })));
    expect(held.toString()).toContain('"content":"see "');
    const out = restorer.push(Buffer.from(openaiEvent({}, 'stop') + 'data: [DONE]\n\n')).toString();
    // the held "[RED" goes out in a synthesised delta before the finish event
    expect(out.indexOf('"content":"[RED"')).toBeGreaterThan(-1);
    expect(out.indexOf('"content":"[RED"')).toBeLessThan(out.indexOf('"finish_reason":"stop"'));
  });

  it('passes events without text through byte for byte', async () => {
    const { entries } = await masked(`x ${github}`);
    const usage = 'data: {"id":"c1","choices":[],"usage": {"prompt_tokens": 3}}\n\n';
    expect(new SseRestorer('openai-chat', entries).push(Buffer.from(usage)).toString()).toBe(usage);
  });
});
