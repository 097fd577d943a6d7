import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseConfig } from '../../src/config/load.js';
import { startJobs, type JobsRuntime } from '../../src/jobs/start-jobs.js';
import {
  startSlowModel,
  addSource,
  type SlowModel,
} from '../../src/jobs/test-support/slow-model.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createAuth } from '../../src/server/auth/auth.js';
import { createServer } from '../../src/server/create-server.js';
import { makeProject, removeDir } from '../generate/support.js';

describe('async /api/generate, /api/jobs and Idempotency-Key over HTTP', () => {
  let model: SlowModel;
  let runtime: Runtime;
  let jobs: JobsRuntime;
  let app: FastifyInstance;
  let root: string;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    root = makeProject('shipgate-api-jobs-');
    model = await startSlowModel(150);
    const config = parseConfig(
      {
        storage: { url: `sqlite:${root}/jobs.db` },
        providers: { local: { kind: 'openai-compatible', baseUrl: model.baseUrl } },
        models: { coder: { provider: 'local', model: 'coder-1' } },
        routing: { tasks: { generate: ['coder'] } },
        cache: { enabled: false },
        generate: { gates: ['complexity'] },
        jobs: { pollMs: 20 },
      },
      'test',
    );
    runtime = await createRuntime(config);
    const auth = createAuth({ store: runtime.store });
    for (const [name, role] of [
      ['dev1', 'developer'],
      ['dev2', 'developer'],
      ['watcher', 'viewer'],
    ] as const)
      keys[name] = (await auth.createKey({ name, role })).key;
    const { createValidator } = await import('../../src/gates/pipeline.js');
    jobs = await startJobs({ runtime, root, validator: async () => createValidator() });
    app = await createServer({ runtime, auth, jobs: jobs.system, cwd: root });
  });
  afterAll(async () => {
    await app.close();
    await jobs.stop(1_000);
    await runtime.close();
    await model.close();
    removeDir(root);
  });

  const post = (body: unknown, key: string, idem?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/generate',
      payload: body as object,
      headers: {
        authorization: `Bearer ${keys[key]}`,
        ...(idem ? { 'idempotency-key': idem } : {}),
      },
    });
  const get = (url: string, key: string) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${keys[key]}` } });

  it('async:true answers 202 {jobId}; the job runs the real loop and GET shows its result', async () => {
    const res = await post(
      {
        spec: 'add two numbers',
        template: 'plain-function',
        targetFile: 'src/add.ts',
        async: true,
      },
      'dev1',
    );
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json<{ jobId: string }>();
    expect(jobId).toMatch(/^job_/);
    await expect
      .poll(async () => (await get(`/api/jobs/${jobId}`, 'dev1')).json<{ state: string }>().state, {
        timeout: 15_000,
      })
      .toBe('succeeded');
    const job = (await get(`/api/jobs/${jobId}`, 'dev1')).json<{
      kind: string;
      attempts: number;
      result: {
        passed: boolean;
        files: { path: string; content: string }[];
        attempts: { gates: { gate: string }[] }[];
      };
      createdAt: string;
      finishedAt: string;
    }>();
    expect(job).toMatchObject({ kind: 'generate', attempts: 1 });
    expect(job.result.passed).toBe(true);
    expect(job.result.files).toEqual([{ path: 'src/add.ts', content: addSource }]);
    // one request builder: the job honoured generate.gates from config (only complexity ran)
    expect(job.result.attempts[0]?.gates.map((g) => g.gate)).toEqual(['complexity']);
    // analytics counts async runs as it counts synchronous ones (issue 15)
    const analytics = await get('/api/analytics?since=1h', 'watcher');
    expect(analytics.statusCode).toBe(200);
    expect(analytics.json<{ generate: { runs: number } }>().generate).toMatchObject({
      runs: 1,
      firstTryPassRate: 1,
    });
    // a viewer reads any job; another developer cannot see it; only the owner or an admin cancels
    expect((await get(`/api/jobs/${jobId}`, 'watcher')).statusCode).toBe(200);
    expect((await get(`/api/jobs/${jobId}`, 'dev2')).statusCode).toBe(404);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/jobs/${jobId}`,
      headers: { authorization: `Bearer ${keys.watcher}` },
    });
    expect(del.statusCode).toBe(403);
    expect((await get(`/api/jobs/${jobId}/deliveries`, 'dev1')).json()).toEqual({ deliveries: [] });
  });

  it('Idempotency-Key: same key and body → the same job; another body → 422; keys are per API key', async () => {
    const body = { spec: 'add numbers', template: 'plain-function', async: true };
    const first = await post(body, 'dev1', 'order-42');
    const again = await post(
      { async: true, template: 'plain-function', spec: 'add numbers' },
      'dev1',
      '"order-42"',
    );
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const other = await post({ ...body, spec: 'subtract numbers' }, 'dev1', 'order-42');
    expect(other.statusCode).toBe(422);
    expect(other.json<{ error: { code: string; message: string } }>().error.message).toMatch(
      /different request body/,
    );
    const otherKey = await post(body, 'dev2', 'order-42');
    expect(otherKey.statusCode).toBe(202);
    expect(otherKey.json()).not.toEqual(first.json());
    // cancel both (owner may; the cancelled job's late result can no longer be written)
    for (const [res, key] of [
      [first, 'dev1'],
      [otherKey, 'dev2'],
    ] as const) {
      const { jobId } = res.json<{ jobId: string }>();
      const del = await app.inject({
        method: 'DELETE',
        url: `/api/jobs/${jobId}`,
        headers: { authorization: `Bearer ${keys[key]}` },
      });
      expect(del.statusCode).toBe(200);
      expect(del.json<{ state: string }>().state).toBe('cancelled');
    }
  });

  it('Idempotency-Key on a synchronous request: 409 while in progress, then the same answer replayed', async () => {
    const body = {
      spec: 'add two numbers please',
      template: 'plain-function',
      targetFile: 'src/add.ts',
    };
    const running = post(body, 'dev1', 'sync-1');
    await new Promise((r) => setTimeout(r, 60));
    const busy = await post(body, 'dev1', 'sync-1');
    expect(busy.statusCode).toBe(409);
    const done = await running;
    expect(done.statusCode).toBe(200);
    const served = model.served();
    const replay = await post(body, 'dev1', 'sync-1');
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(done.json());
    expect(model.served()).toBe(served);
  });

  it('bad input gets clear 4xx errors', async () => {
    expect((await post({ spec: 'x', async: true }, 'dev1', 'bad key with spaces')).statusCode).toBe(
      400,
    );
    const hook = await post(
      { spec: 'x', async: true, webhook: { url: 'http://example.com/h' } },
      'dev1',
    );
    expect(hook.statusCode).toBe(400);
    expect(hook.json<{ error: { message: string } }>().error.message).toMatch(
      /not a configured endpoint/,
    );
    expect((await get('/api/jobs/job_nope', 'dev1')).statusCode).toBe(404);
    const batch = await app.inject({
      method: 'POST',
      url: '/api/batches',
      payload: { items: [] },
      headers: { authorization: `Bearer ${keys.dev1}` },
    });
    expect(batch.statusCode).toBe(400);
  });

  it('POST /api/batches makes one job per item and reports the batch status', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/batches',
      payload: {
        items: [
          { kind: 'generate', input: { spec: 'add', template: 'plain-function' } },
          {
            kind: 'validate',
            input: {
              files: [{ path: 'src/a.ts', content: 'export const a = 1;\n' }],
              gates: ['complexity'],
            },
          },
        ],
      },
      headers: { authorization: `Bearer ${keys.dev1}` },
    });
    expect(res.statusCode).toBe(202);
    const { batchId, jobIds } = res.json<{ batchId: string; jobIds: string[] }>();
    expect(jobIds).toHaveLength(2);
    await expect
      .poll(
        async () => (await get(`/api/batches/${batchId}`, 'dev1')).json<{ state: string }>().state,
        { timeout: 15_000 },
      )
      .toBe('done');
    const batch = (await get(`/api/batches/${batchId}`, 'dev1')).json<{
      counts: Record<string, number>;
    }>();
    expect(batch.counts).toEqual({ succeeded: 2 });
  });

  it('POST /api/review with async:true runs the review service as a job', async () => {
    const diff = [
      'diff --git a/src/x.ts b/src/x.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/src/x.ts',
      '@@ -0,0 +1 @@',
      '+export const x = 1;',
      '',
    ].join('\n');
    const res = await app.inject({
      method: 'POST',
      url: '/api/review',
      payload: { diff, gates: ['complexity'], model: false, async: true },
      headers: { authorization: `Bearer ${keys.dev1}`, 'idempotency-key': 'review-1' },
    });
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json<{ jobId: string }>();
    await expect
      .poll(async () => (await get(`/api/jobs/${jobId}`, 'dev1')).json<{ state: string }>().state, {
        timeout: 15_000,
      })
      .not.toMatch(/queued|running/);
    const job = (await get(`/api/jobs/${jobId}`, 'dev1')).json<{
      kind: string;
      error?: unknown;
      result: { passed: boolean; coverage: { filesChanged: number } };
    }>();
    expect(job.error).toBeUndefined();
    expect(job.kind).toBe('review');
    expect(job.result).toMatchObject({ passed: true, coverage: { filesChanged: 1 } });
  });
});
