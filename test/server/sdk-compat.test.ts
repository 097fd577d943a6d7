/**
 * The official SDKs, unchanged, pointed at shipgate: both protocols, both
 * directions of translation, streaming and not, tools and error responses.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

describe('official SDK compatibility', () => {
  let h: Harness;
  let openai: OpenAI;
  let anthropic: Anthropic;
  beforeAll(async () => {
    h = await startHarness();
    const url = await h.listen();
    openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused-locally', maxRetries: 0 });
    anthropic = new Anthropic({ baseURL: url, apiKey: 'unused-locally', maxRetries: 0 });
  });
  afterAll(() => h.close());

  for (const model of ['fast', 'claude']) {
    it(`OpenAI SDK → ${model}: create, stream`, async () => {
      const completion = await openai.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'hello sdk' }],
      });
      expect(completion.choices[0]?.message.content).toBe('Echo: hello sdk');
      expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
      const stream = await openai.chat.completions.create({
        model,
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'stream me' }],
      });
      let text = '';
      let usage: OpenAI.CompletionUsage | null | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        usage = chunk.usage ?? usage;
      }
      expect(text).toBe('Echo: stream me');
      expect(usage?.completion_tokens).toBe(3);
    });

    it(`Anthropic SDK → ${model}: create, stream`, async () => {
      const message = await anthropic.messages.create({
        model,
        max_tokens: 64,
        messages: [{ role: 'user', content: 'hello sdk' }],
      });
      expect(message.content[0]).toMatchObject({ type: 'text', text: 'Echo: hello sdk' });
      expect(message.usage.output_tokens).toBe(3);
      const stream = anthropic.messages.stream({
        model,
        max_tokens: 64,
        messages: [{ role: 'user', content: 'stream me' }],
      });
      const final = await stream.finalMessage();
      expect(final.content[0]).toMatchObject({ type: 'text', text: 'Echo: stream me' });
      expect(final.stop_reason).toBe('end_turn');
    });
  }

  it('OpenAI SDK: tools pass through to an OpenAI upstream untouched', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
    ];
    const completion = await openai.chat.completions.create({
      model: 'fast',
      tools,
      tool_choice: 'auto',
      messages: [{ role: 'user', content: 'weather?' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: weather?');
    expect((h.openai.requests.at(-1)?.body as { tools: unknown }).tools).toEqual(tools);
  });

  it('Anthropic SDK: tools pass through to an Anthropic upstream untouched', async () => {
    const tools: Anthropic.Tool[] = [
      {
        name: 'get_weather',
        input_schema: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ];
    await anthropic.messages.create({
      model: 'claude',
      max_tokens: 32,
      tools,
      messages: [{ role: 'user', content: 'weather?' }],
    });
    expect((h.anthropic.requests.at(-1)?.body as { tools: unknown }).tools).toEqual(tools);
  });

  it("surfaces errors as the SDKs' typed errors", async () => {
    await expect(
      openai.chat.completions.create({
        model: 'no-such-model',
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toSatisfy(
      (e: unknown) => e instanceof OpenAI.NotFoundError && /no-such-model/.test(e.message),
    );
    await expect(
      anthropic.messages.create({
        model: 'no-such-model',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toBeInstanceOf(Anthropic.NotFoundError);
    h.openai.script({ status: 500 }, { status: 500 }, { status: 500 });
    await expect(
      openai.chat.completions.create({ model: 'fast', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toSatisfy((e: unknown) => e instanceof OpenAI.APIError && e.status === 502);
    await expect(
      openai.chat.completions.create({
        model: 'claude',
        tools: [{ type: 'function', function: { name: 'f' } }],
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('lists models with both SDKs', async () => {
    const ids: string[] = [];
    for await (const m of openai.models.list()) ids.push(m.id);
    expect(ids).toContain('fast');
    const page = await anthropic.models.list();
    expect(page.data.map((m) => m.id)).toContain('claude');
  });
});
