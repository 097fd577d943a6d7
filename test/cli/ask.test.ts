import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli.js';
import { startFakeAnthropic, startFakeOpenAI, type FakeUpstream } from '../fake-upstream/index.js';

const cli = runCliCaptured;

describe('shipgate ask', () => {
  let openai: FakeUpstream;
  let anthropic: FakeUpstream;
  let home: string;

  beforeAll(async () => {
    openai = await startFakeOpenAI();
    anthropic = await startFakeAnthropic();
    home = mkdtempSync(join(tmpdir(), 'shipgate-ask-'));
  });
  afterAll(async () => {
    await openai.close();
    await anthropic.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('answers through a local OpenAI-compatible server and meters the upstream’s own usage', async () => {
    const env = {
      SHIPGATE_HOME: home,
      OPENAI_BASE_URL: openai.baseUrl,
      OPENAI_API_KEY: 'sk-local',
    };
    const asked = await cli(['ask', 'hello from the cli'], env);
    expect(asked.stderr).toBe('');
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('hello from the cli');
    const billed = openai.ledger.at(-1);
    expect(billed).toBeDefined();
    const usage = await cli(['usage', '--by', 'caller', '--format', 'json'], env);
    const rows = JSON.parse(usage.stdout).rows as {
      key: string;
      calls: number;
      inputTokens: number;
      outputTokens: number;
    }[];
    expect(rows).toEqual([
      expect.objectContaining({
        key: 'cli',
        calls: 1,
        inputTokens: billed!.inputTokens,
        outputTokens: billed!.outputTokens,
      }),
    ]);
  });

  it('answers through a local Anthropic-format server, as JSON', async () => {
    const env = {
      SHIPGATE_HOME: home,
      ANTHROPIC_BASE_URL: anthropic.url,
      ANTHROPIC_API_KEY: 'sk-ant-local',
    };
    const asked = await cli(['ask', '--format', 'json', 'hello anthropic'], env);
    expect(asked.code).toBe(0);
    const result = JSON.parse(asked.stdout);
    expect(result).toMatchObject({
      provider: 'anthropic',
      model: 'claude-3-5-haiku-latest',
      cache: 'bypass',
    });
    expect(result.text).toContain('hello anthropic');
    expect(result.usage).toMatchObject({
      inputTokens: anthropic.ledger.at(-1)!.inputTokens,
      estimated: false,
    });
    expect(anthropic.requests.at(-1)?.path).toBe('/v1/messages');
  });

  it('says exactly how to configure a provider when none is, and exits 2', async () => {
    const asked = await cli(['ask', 'hi'], { SHIPGATE_HOME: home });
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('OPENAI_API_KEY');
    expect(asked.stderr).toContain('OPENAI_BASE_URL');
    expect(asked.stdout).toBe('');
  });

  it('rejects a bad option value as a usage error', async () => {
    const asked = await cli(['ask', '--temperature', 'hot', 'hi'], { SHIPGATE_HOME: home });
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('--temperature');
  });

  it('lists models with prices and exits 2 for an unknown one', async () => {
    const env = { SHIPGATE_HOME: home, OPENAI_API_KEY: 'sk-x' };
    const listed = await cli(['models', 'list', '--format', 'json'], env);
    const models = JSON.parse(listed.stdout).models as {
      alias: string;
      price: { inputPerMTokUsd: number };
    }[];
    expect(models.find((m) => m.alias === 'gpt-4o-mini')?.price.inputPerMTokUsd).toBe(0.15);
    const unknown = await cli(['models', 'info', 'nope'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('gpt-4o-mini');
  });
});
