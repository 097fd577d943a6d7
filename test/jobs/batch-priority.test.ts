/**
 * Issue 14.4: `POST /api/batches` with `priority: "batch"` sends its generate
 * items' model calls to the providers' batch APIs (a local fake of OpenAI's and
 * Anthropic's routes), on a real SQLite store, through the real job runner:
 * the jobs succeed, usage is recorded at half price, a provider without a batch
 * API runs the call now, jobs waiting in provider batches do not hold worker slots,
 * and cancelling the job cancels the provider batch.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseConfig } from '../../src/config/load.js';
import { startJobs, type JobsRuntime } from '../../src/jobs/start-jobs.js';
import {
  startFakeBatchUpstream,
  type FakeBatchUpstream,
} from '../../src/jobs/test-support/fake-batch-upstream.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createServer } from '../../src/server/create-server.js';
import { makeProject, removeDir } from '../generate/support.js';

const price = { input: 2, output: 8 }; // 1000 in + 500 out = $0.006 at list price

describe('priority "batch" through the provider batch APIs', () => {
  let fake: FakeBatchUpstream;
  let runtime: Runtime;
  let jobs: JobsRuntime;
  let app: FastifyInstance;
  let root: string;

  beforeAll(async () => {
    root = makeProject('shipgate-batch-priority-');
    fake = await startFakeBatchUpstream();
    const config = parseConfig(
      {
        storage: { url: `sqlite:${root}/jobs.db` },
        providers: {
          oai: { kind: 'openai', baseUrl: fake.baseUrl, apiKey: 'sk-test' },
          ant: { kind: 'anthropic', baseUrl: fake.baseUrl, apiKey: 'ant-test' },
          plain: { kind: 'openai-compatible', baseUrl: fake.baseUrl },
        },
        models: {
          coder: { provider: 'oai', model: 'gpt-x', price },
          claude: { provider: 'ant', model: 'claude-x', price },
          local: { provider: 'plain', model: 'local-x', price },
        },
        routing: { tasks: { generate: ['coder'] } },
        cache: { enabled: false },
        generate: { gates: ['complexity'] },
        jobs: { pollMs: 20, leaseMs: 600, batchApi: { pollMs: 20, collectMs: 150 } },
      },
      'test',
    );
    runtime = await createRuntime(config);
    const { createValidator } = await import('../../src/gates/pipeline.js');
    jobs = await startJobs({ runtime, root, validator: async () => createValidator() });
    app = await createServer({ runtime, jobs: jobs.system, cwd: root });
  });
  afterAll(async () => {
    await app.close();
    await jobs.stop(1_000);
    await runtime.close();
    await fake.close();
    removeDir(root);
  });
  beforeEach(() => {
    Object.assign(fake.settings, { pollsToEnd: 2, expire: false, hold: false });
    fake.log.length = 0;
  });

  const item = (model?: string) => ({
    kind: 'generate',
    input: { spec: 'add two numbers', template: 'plain-function', targetFile: 'src/add.ts', model },
  });
  async function submit(items: unknown[], priority?: 'batch') {
    const res = await app.inject({
      method: 'POST',
      url: '/api/batches',
      payload: { items, ...(priority ? { priority } : {}) },
    });
    expect(res.statusCode).toBe(202);
    return res.json<{ batchId: string; jobIds: string[] }>();
  }
  async function settled(batchId: string) {
    await expect
      .poll(
        async () => (await app.inject(`/api/batches/${batchId}`)).json<{ state: string }>().state,
        {
          timeout: 20_000,
          interval: 50,
        },
      )
      .toBe('done');
    const res = await app.inject(`/api/batches/${batchId}`);
    return res.json<{ counts: Record<string, number>; jobs: { id: string }[] }>();
  }
  async function usageSince(since: number) {
    await runtime.gateway.meter.flush();
    return runtime.store.usage.list({ since });
  }

  it('generate items go to one OpenAI batch and one Anthropic batch, succeed, and are metered at half price', async () => {
    const since = Date.now() - 1;
    const batchesBefore = fake.batches.length;
    const { batchId, jobIds } = await submit([item(), item(), item('claude')], 'batch');
    const batch = await settled(batchId);
    expect(batch.counts).toEqual({ succeeded: 3 });
    for (const id of jobIds) {
      const job = (await app.inject(`/api/jobs/${id}`)).json<{ result: { passed: boolean } }>();
      expect(job.result.passed).toBe(true);
    }
    const made = fake.batches.slice(batchesBefore);
    expect(made.map((b) => [b.kind, b.requests.length]).sort()).toEqual([
      ['anthropic', 1],
      ['openai', 2],
    ]);
    expect(fake.log).not.toContain('POST /v1/chat/completions');
    expect(fake.log).not.toContain('POST /v1/messages');
    const usage = await usageSince(since);
    expect(usage).toHaveLength(3);
    for (const row of usage)
      expect(row).toMatchObject({
        status: 'ok',
        inputTokens: 1000,
        outputTokens: 500,
        costMicros: 3_000,
      });
  });

  it('without priority, or on a provider without a batch API, the call runs now at list price', async () => {
    const since = Date.now() - 1;
    const batchesBefore = fake.batches.length;
    await settled((await submit([item()])).batchId);
    await settled((await submit([item('local')], 'batch')).batchId);
    expect(fake.batches.length).toBe(batchesBefore);
    expect(fake.log.filter((r) => r === 'POST /v1/chat/completions')).toHaveLength(2);
    const usage = await usageSince(since);
    expect(usage.map((r) => r.costMicros)).toEqual([6_000, 6_000]);
  });

  it('jobs waiting in provider batches lend their slots: more wait than jobs.concurrency, and other work still runs', async () => {
    fake.settings.hold = true;
    const batchesBefore = fake.batches.length;
    const waiting = await submit(
      Array.from({ length: 6 }, () => item()),
      'batch',
    ); // concurrency is 4
    const inBatches = () =>
      fake.batches.slice(batchesBefore).reduce((n, b) => n + b.requests.length, 0);
    await expect.poll(inBatches, { timeout: 15_000 }).toBe(6);
    const now = await settled((await submit([item()])).batchId);
    expect(now.counts).toEqual({ succeeded: 1 });
    fake.settings.hold = false;
    const batch = await settled(waiting.batchId);
    expect(batch.counts).toEqual({ succeeded: 6 });
  });

  it('cancelling a job whose call waits in a provider batch cancels the provider batch', async () => {
    fake.settings.hold = true;
    const batchesBefore = fake.batches.length;
    const { jobIds } = await submit([item('claude')], 'batch');
    await expect.poll(() => fake.batches.length, { timeout: 10_000 }).toBe(batchesBefore + 1);
    const id = fake.batches.at(-1)?.id;
    const res = await app.inject({ method: 'DELETE', url: `/api/jobs/${jobIds[0]}` });
    expect(res.statusCode).toBe(200);
    await expect.poll(() => fake.cancelled, { timeout: 5_000 }).toContain(id);
    expect(fake.log).toContain(`POST /v1/messages/batches/${id}/cancel`);
    const job = (await app.inject(`/api/jobs/${jobIds[0]}`)).json<{ state: string }>();
    expect(job.state).toBe('cancelled');
  });
});
