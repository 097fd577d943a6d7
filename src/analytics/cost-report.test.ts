import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load.js';
import type { UsageRecord } from '../gateway/usage-record.js';
import type { GenerateResult } from '../generate/types.js';
import { openStore, type Store } from '../store/store.js';
import { runCliCaptured } from '../../test/support/run-cli.js';
import { createAnalyticsRepo } from './analytics-repo.js';
import { computeBreakEven } from './break-even.js';
import { costReport, teamOf } from './cost-report.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 30);
const home = mkdtempSync(join(tmpdir(), 'shipgate-cost-'));
let store: Store;

const config = parseConfig(
  {
    providers: {
      openai: { kind: 'openai', apiKey: 'sk-test' },
      local: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:8080/v1' },
    },
    models: {
      gpt: { provider: 'openai', model: 'gpt-4o-mini' },
      qwen: { provider: 'local', model: 'qwen2.5-coder', costPerHour: 2 },
    },
    teams: { platform: ['alice', 'ci-*'], web: ['bob'] },
  },
  'test',
  { SHIPGATE_HOME: home },
);

function row(i: number, over: Partial<UsageRecord>): UsageRecord {
  return {
    id: `r-${over.model ?? 'gpt'}-${i}-${over.startedAt ?? 0}`,
    startedAt: NOW - DAY,
    provider: 'openai',
    model: 'gpt',
    task: 'chat',
    caller: 'alice',
    attempts: 1,
    cacheHit: false,
    status: 'ok',
    latencyMs: 100,
    ttftMs: 50,
    inputTokens: 200,
    outputTokens: 20,
    cachedInputTokens: 0,
    costMicros: 1000,
    estimated: false,
    ...over,
  };
}

/** 3000 API calls at $0.001 (2000 alice chat, 600 bob complete, 400 ci-nightly review),
 *  500 free self-hosted calls by dave, 7 calls outside the 30-day window. */
function dataset(): UsageRecord[] {
  const rows: UsageRecord[] = [];
  for (let i = 0; i < 2000; i++) rows.push(row(i, { startedAt: NOW - ((i % 29) + 1) * DAY }));
  for (let i = 0; i < 600; i++)
    rows.push(row(i, { caller: 'bob', task: 'complete', id: `bob-${i}`, outputTokens: 5 }));
  for (let i = 0; i < 400; i++)
    rows.push(row(i, { caller: 'ci-nightly', task: 'review', id: `ci-${i}` }));
  for (let i = 0; i < 500; i++)
    rows.push(
      row(i, { model: 'qwen', provider: 'local', caller: 'dave', costMicros: 0, id: `q-${i}` }),
    );
  for (let i = 0; i < 7; i++) rows.push(row(i, { id: `old-${i}`, startedAt: NOW - 31 * DAY }));
  return rows;
}

function generateResult(template: string, costMicros: number): GenerateResult {
  return {
    passed: true,
    stopReason: 'passed',
    stopDetail: '',
    template: { name: template, version: '1', hash: 'h' },
    withTests: false,
    files: [],
    attempts: [],
    totals: { attempts: 1, inputTokens: 1, outputTokens: 1, costMicros, durationMs: 5 },
  };
}

beforeAll(async () => {
  store = await openStore(`sqlite:${join(home, 'shipgate.db')}`);
  await store.usage.insertMany(dataset());
  const repo = createAnalyticsRepo(store.db, () => NOW - DAY);
  await repo.recordGenerate(generateResult('typescript-function', 1500), { caller: 'alice' });
  await repo.recordGenerate(generateResult('typescript-function', 2500), { caller: 'alice' });
  await repo.recordGenerate(generateResult('react-component', 700), { caller: 'bob' });
});
afterAll(async () => {
  await store.close();
  rmSync(home, { recursive: true, force: true });
});

describe('computeBreakEven', () => {
  it("reproduces the field's worked example: $4,162/month vs $0.001 → 138,733 a day", () => {
    const b = computeBreakEven({
      selfHostedMonthlyUsd: 4162,
      apiCostMicros: 1000 * 3000,
      apiRequests: 3000,
      requests: 3000,
      days: 30,
    });
    expect(b).toEqual({
      selfHostedMonthlyUsd: 4162,
      apiCostPerRequestUsd: 0.001,
      breakEvenRequestsPerDay: 138_733,
      currentRequestsPerDay: 100,
      cheaper: 'api',
    });
  });

  it('says self-hosted above the break-even and explains a missing input', () => {
    const input = { selfHostedMonthlyUsd: 30, apiCostMicros: 1_000_000, apiRequests: 100, days: 1 };
    expect(computeBreakEven({ ...input, requests: 100 })).toMatchObject({
      breakEvenRequestsPerDay: 100,
      cheaper: 'api',
    });
    expect(computeBreakEven({ ...input, requests: 101 }).cheaper).toBe('self-hosted');
    const none = computeBreakEven({ ...input, selfHostedMonthlyUsd: null, requests: 1 });
    expect(none.breakEvenRequestsPerDay).toBeNull();
    expect(none.cheaper).toBeNull();
    expect(none.note).toMatch(/--self-hosted-monthly/);
  });
});

describe('costReport over a real SQLite store', () => {
  it('sums spend by model, task, key, team and template as the arithmetic says', async () => {
    const report = await costReport(store, config, { since: NOW - 30 * DAY, now: NOW });
    expect(report.period).toEqual({
      from: new Date(NOW - 30 * DAY).toISOString(),
      to: new Date(NOW).toISOString(),
      days: 30,
    });
    expect(report.requests).toBe(3500);
    expect(report.costUsd).toBe(3);
    expect(report.byModel).toEqual([
      {
        model: 'gpt',
        hosting: 'api',
        requests: 3000,
        inputTokens: 600_000,
        outputTokens: 2400 * 20 + 600 * 5,
        costUsd: 3,
      },
      {
        model: 'qwen',
        hosting: 'self-hosted',
        requests: 500,
        inputTokens: 100_000,
        outputTokens: 10_000,
        costUsd: 0,
      },
    ]);
    expect(report.byTask.map((t) => [t.task, t.requests, t.costUsd])).toEqual([
      ['chat', 2500, 2],
      ['complete', 600, 0.6],
      ['review', 400, 0.4],
    ]);
    expect(report.byKey.map((k) => [k.key, k.requests, k.costUsd])).toEqual([
      ['alice', 2000, 2],
      ['bob', 600, 0.6],
      ['ci-nightly', 400, 0.4],
      ['dave', 500, 0],
    ]);
    expect(report.byTeam.map((t) => [t.team, t.requests, t.costUsd])).toEqual([
      ['platform', 2400, 2.4],
      ['web', 600, 0.6],
      ['(no team)', 500, 0],
    ]);
    expect(report.byTemplate).toEqual([
      { template: 'typescript-function', runs: 2, costUsd: 0.004 },
      { template: 'react-component', runs: 1, costUsd: 0.0007 },
    ]);
  });

  it('break-even from metered API calls: $4,162/month at $0.001 a request → 138,733/day', async () => {
    const report = await costReport(store, config, {
      since: NOW - 30 * DAY,
      now: NOW,
      selfHostedMonthlyUsd: 4162,
    });
    expect(report.breakEven).toEqual({
      selfHostedMonthlyUsd: 4162,
      apiCostPerRequestUsd: 0.001,
      breakEvenRequestsPerDay: 138_733,
      currentRequestsPerDay: 116.67,
      cheaper: 'api',
    });
  });

  it("without the flag uses self-hosted models' costPerHour × 730", async () => {
    const report = await costReport(store, config, { since: NOW - 30 * DAY, now: NOW });
    expect(report.breakEven.selfHostedMonthlyUsd).toBe(1460);
    expect(report.breakEven.breakEvenRequestsPerDay).toBe(48_667); // 1460/30/0.001
  });

  it('rejects a window that does not end after it starts', async () => {
    await expect(costReport(store, config, { since: NOW, now: NOW })).rejects.toThrow(
      /in the past/,
    );
  });

  it('maps keys to the first team whose glob matches', () => {
    expect(teamOf(config, 'ci-main')).toBe('platform');
    expect(teamOf(config, 'ci')).toBe('(no team)');
  });
});

describe('shipgate cost', () => {
  const cliHome = mkdtempSync(join(tmpdir(), 'shipgate-cost-cli-'));
  afterAll(() => rmSync(cliHome, { recursive: true, force: true }));
  const cli = (argv: string[]) => runCliCaptured(argv, { SHIPGATE_HOME: cliHome }, cliHome);

  it('prints the contract JSON and a text table; a bad flag exits 2 saying what to fix', async () => {
    writeFileSync(
      join(cliHome, 'shipgate.config.yaml'),
      'providers:\n  openai: { kind: openai, apiKey: sk-test }\n',
    );
    const s = await openStore(`sqlite:${join(cliHome, 'shipgate.db')}`);
    const now = Date.now();
    await s.usage.insertMany(
      Array.from({ length: 30 }, (_, i) =>
        row(i, { id: `c-${i}`, startedAt: now - i * 3_600_000 }),
      ),
    );
    await s.close();
    const json = await cli([
      'cost',
      '--since',
      '30d',
      '--self-hosted-monthly',
      '4162',
      '--format',
      'json',
    ]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['period', 'requests', 'costUsd', 'byModel', 'breakEven']),
    );
    expect(report.period.days).toBe(30);
    expect(report.requests).toBe(30);
    expect(report.byModel[0]).toMatchObject({
      model: 'gpt',
      requests: 30,
      inputTokens: 6000,
      outputTokens: 600,
      costUsd: 0.03,
    });
    expect(report.breakEven).toMatchObject({
      apiCostPerRequestUsd: 0.001,
      breakEvenRequestsPerDay: 138_733,
      currentRequestsPerDay: 1,
      cheaper: 'api',
    });

    const text = await cli(['cost', '--self-hosted-monthly', '$4,162']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/30 requests, \$0\.03/);
    expect(text.stdout).toMatch(/gpt \(api\)\s+30\s+6,000\s+600\s+\$0\.03/);
    expect(text.stdout).toContain('138,733 requests/day');

    const analytics = await cli(['usage', '--analytics', '--since', '30d', '--format', 'json']);
    expect(analytics.code).toBe(0);
    expect(JSON.parse(analytics.stdout)).toMatchObject({
      generate: { runs: 0, firstTryPassRate: null },
      latency: { byModel: [{ key: 'gpt', requests: 30, p50LatencyMs: 100, p95LatencyMs: 100 }] },
    });
    const analyticsText = await cli(['usage', '--analytics']);
    expect(analyticsText.stdout).toMatch(/acceptance -/);

    const bad = await cli(['cost', '--self-hosted-monthly', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/US dollars/);
    const badSince = await cli(['cost', '--since', 'yesterday']);
    expect(badSince.code).toBe(2);
    expect(badSince.stderr).toMatch(/--since/);
  });
});
