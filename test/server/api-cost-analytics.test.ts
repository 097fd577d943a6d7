/**
 * GET /api/cost and GET /api/analytics through the real server: a generate run whose
 * first answer names things that do not exist (TS2304, TS2339) and is repaired, a
 * validate call, metered usage from the real gateway, and feedback events.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLog } from '../../src/audit/audit-log.js';
import { parseConfig } from '../../src/config/load.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createServer } from '../../src/server/create-server.js';
import { startFakeOpenAI, type FakeUpstream } from '../fake-upstream/index.js';
import { answer, makeProject, removeDir } from '../generate/support.js';

const hallucinated =
  '/** Adds two numbers. */\nexport function add(a: number, b: number): number {\n  return addNumbersTogether(a, b) + a.total;\n}\n';
const right =
  '/** Adds two numbers. */\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n';

describe('GET /api/cost and GET /api/analytics', () => {
  let upstream: FakeUpstream;
  let runtime: Runtime;
  let app: FastifyInstance;
  let audit: AuditLog;
  let root: string;
  let home: string;

  beforeAll(async () => {
    root = makeProject('shipgate-analytics-');
    home = mkdtempSync(join(tmpdir(), 'shipgate-analytics-home-'));
    upstream = await startFakeOpenAI({
      reply: (ctx) =>
        ctx.promptText.includes('TS2304')
          ? answer(['src/add.ts', right])
          : answer(['src/add.ts', hallucinated]),
    });
    const config = parseConfig(
      {
        storage: { url: `sqlite:${join(home, 'shipgate.db')}` },
        providers: { cloud: { kind: 'openai-compatible', baseUrl: upstream.baseUrl } },
        models: {
          coder: {
            provider: 'cloud',
            model: 'coder-1',
            hosting: 'api',
            price: { input: 1, output: 2 },
          },
        },
        routing: { tasks: { generate: ['coder'] } },
        // only the gates this test is about: ESLint's cold start would double its time
        gates: { lint: { enabled: false }, security: { enabled: false } },
        cache: { enabled: false },
      },
      'test',
    );
    runtime = await createRuntime(config);
    audit = createAuditLog({ store: runtime.store, includePrompts: false });
    app = await createServer({ runtime, cwd: root, audit });
  });
  afterAll(async () => {
    await app.close();
    await audit.close();
    await runtime.close();
    await upstream.close();
    removeDir(root);
    removeDir(home);
  });

  it(
    'counts first-try vs repaired, the hallucination proxy, gate pass rates and spend',
    { timeout: 90_000 },
    async () => {
      const gen = await app.inject({
        method: 'POST',
        url: '/api/generate',
        payload: {
          spec: 'add two numbers',
          template: 'plain-function',
          targetFile: 'src/add.ts',
        },
      });
      expect(gen.statusCode).toBe(200);
      expect(gen.json().attempts).toHaveLength(2);
      const val = await app.inject({
        method: 'POST',
        url: '/api/validate',
        payload: { files: [{ path: 'src/ok.ts', content: right }], gates: ['typecheck'] },
      });
      expect(val.statusCode).toBe(200);
      // usage rows and analytics rows are written in the background: wait for them
      for (let i = 0; i < 100 && (await runtime.store.usage.list()).length < 2; i++)
        await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 50));

      const res = await app.inject({ method: 'GET', url: '/api/analytics?since=1h' });
      expect(res.statusCode).toBe(200);
      const report = res.json();
      expect(report.generate).toEqual({
        runs: 1,
        firstTryPassRate: 0,
        afterRepairPassRate: 1,
        repaired: 1,
        hallucinationRate: 1,
      });
      const typecheck = report.gates.find((g: { gate: string }) => g.gate === 'typecheck');
      // generate attempt 1 fails, attempt 2 passes, the validate call passes
      expect(typecheck).toMatchObject({ runs: 3, passed: 2, failed: 1, passRate: 0.6667 });
      expect(report.latency.byTask.map((r: { key: string }) => r.key)).toEqual(['generate']);
      expect(report.latency.byModel[0]).toMatchObject({ key: 'coder', requests: 2 });

      const cost = await app.inject({
        method: 'GET',
        url: '/api/cost?since=1d&selfHostedMonthly=4162',
      });
      expect(cost.statusCode).toBe(200);
      const c = cost.json();
      expect(c.period.days).toBe(1);
      expect(c.requests).toBe(2);
      expect(c.byModel).toEqual([
        expect.objectContaining({ model: 'coder', hosting: 'api', requests: 2 }),
      ]);
      expect(c.byTemplate).toEqual([
        { template: 'plain-function', runs: 1, costUsd: gen.json().totals.costMicros / 1e6 },
      ]);
      expect(c.costUsd).toBeCloseTo(gen.json().totals.costMicros / 1e6, 6);
      const perRequest = c.costUsd / 2;
      expect(c.breakEven.apiCostPerRequestUsd).toBeCloseTo(perRequest, 9);
      expect(c.breakEven.breakEvenRequestsPerDay).toBe(
        Math.round(4162 / 30 / c.breakEven.apiCostPerRequestUsd),
      );
      expect(c.breakEven.currentRequestsPerDay).toBe(2);
    },
  );

  it('answers bad queries with 400 naming what to fix', async () => {
    const bad = await app.inject({ method: 'GET', url: '/api/cost?selfHostedMonthly=-5' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/selfHostedMonthly/);
    const since = await app.inject({ method: 'GET', url: '/api/analytics?since=yesterday' });
    expect(since.statusCode).toBe(400);
    expect(since.json().error.message).toMatch(/since/);
    const future = await app.inject({ method: 'GET', url: '/api/cost?since=2999-01-01' });
    expect(future.statusCode).toBe(400);
  });
});
