/**
 * A job answers to its key's budget on every model call, not only at submission
 * (issue 14): a generate job whose repair round would go over the key's budget is
 * refused midway, and what it spent is charged to the key. A key without a budget
 * runs the same job to the end.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { callerUnderLimits } from '../../src/jobs/job-limits.js';
import { startJobs, type JobsRuntime } from '../../src/jobs/start-jobs.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createAuth } from '../../src/server/auth/auth.js';
import { createServer } from '../../src/server/create-server.js';
import { startFakeOpenAI, type FakeUpstream } from '../fake-upstream/index.js';
import { answer, makeProject, removeDir } from '../generate/support.js';

const wrong =
  'export function add(a: number, b: number): number {\n  return addNumbers(a, b);\n}\n';
const right = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';

describe('jobs under their key’s limits', () => {
  let upstream: FakeUpstream;
  let runtime: Runtime;
  let jobs: JobsRuntime;
  let app: FastifyInstance;
  let root: string;
  let home: string;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    root = makeProject('shipgate-job-limits-');
    home = mkdtempSync(join(tmpdir(), 'shipgate-job-limits-home-'));
    // the first answer calls a function that does not exist (TS2304); the repair is right
    upstream = await startFakeOpenAI({
      reply: (ctx) =>
        ctx.promptText.includes('TS2304')
          ? answer(['src/add.ts', right])
          : answer(['src/add.ts', wrong]),
    });
    const config = parseConfig(
      {
        storage: { url: `sqlite:${join(home, 'shipgate.db')}` },
        providers: { cloud: { kind: 'openai-compatible', baseUrl: upstream.baseUrl } },
        // $1,000 per 1M tokens each way: one call costs well over a cent
        models: {
          coder: { provider: 'cloud', model: 'coder-1', price: { input: 1000, output: 1000 } },
        },
        routing: { tasks: { generate: ['coder'] } },
        gates: { lint: { enabled: false }, security: { enabled: false } },
        generate: { gates: ['typecheck'] },
        cache: { enabled: false },
        jobs: { pollMs: 20, maxAttempts: 1 },
      },
      'test',
    );
    runtime = await createRuntime(config);
    const auth = createAuth({ store: runtime.store });
    keys.tight = (
      await auth.createKey({
        name: 'tight',
        role: 'developer',
        budgetUsd: 0.01,
        budgetPeriod: 'day',
      })
    ).key;
    keys.open = (await auth.createKey({ name: 'open', role: 'developer' })).key;
    const { createValidator } = await import('../../src/gates/pipeline.js');
    jobs = await startJobs({
      runtime,
      root,
      validator: async () => createValidator(),
      limits: auth,
    });
    app = await createServer({ runtime, auth, jobs: jobs.system, cwd: root });
  });
  afterAll(async () => {
    await app.close();
    await jobs.stop();
    await runtime.close();
    await upstream.close();
    removeDir(root);
    removeDir(home);
  });

  async function runJob(key: string) {
    const submitted = await app.inject({
      method: 'POST',
      url: '/api/generate',
      headers: { authorization: `Bearer ${key}` },
      payload: {
        spec: 'add two numbers',
        template: 'plain-function',
        targetFile: 'src/add.ts',
        async: true,
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(202);
    const { jobId } = submitted.json<{ jobId: string }>();
    const get = () =>
      app.inject({
        method: 'GET',
        url: `/api/jobs/${jobId}`,
        headers: { authorization: `Bearer ${key}` },
      });
    await expect
      .poll(async () => (await get()).json<{ state: string }>().state, { timeout: 60_000 })
      .toMatch(/^(succeeded|failed)$/);
    return (await get()).json<{
      state: string;
      error?: { code: string; message: string };
      result?: Record<string, unknown>;
    }>();
  }

  it(
    'a key with a budget is refused at the repair call that would exceed it',
    { timeout: 90_000 },
    async () => {
      const before = upstream.requests.length;
      const job = await runJob(keys.tight!);
      await runtime.gateway.meter.flush();
      // the loop stops with its reason, as it does for generate.maxCostUsd
      expect(job.state).toBe('succeeded');
      expect(job.result).toMatchObject({ passed: false, stopReason: 'budget' });
      expect(String(job.result?.stopDetail)).toMatch(/API key "tight" has spent its daily budget/);
      // one model call went out; the repair round was refused before reaching the upstream
      expect(upstream.requests.length - before).toBe(1);
    },
  );

  it(
    'a key without a budget runs the same job through its repair',
    { timeout: 90_000 },
    async () => {
      const before = upstream.requests.length;
      const job = await runJob(keys.open!);
      expect(job.state).toBe('succeeded');
      expect(job.result).toMatchObject({ passed: true });
      expect(upstream.requests.length - before).toBe(2);
    },
  );

  it('a key revoked since the submission stops the job; a keyless submission has no limits', async () => {
    const auth = createAuth({ store: runtime.store });
    await auth.createKey({ name: 'gone', role: 'developer' });
    await auth.revokeKey('gone');
    await expect(callerUnderLimits(runtime.gateway, auth, 'gone')).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/revoked since it submitted this job/),
    });
    expect(await callerUnderLimits(runtime.gateway, auth, 'local')).toBe(runtime.gateway);
  });
});
