/**
 * A real server (SQLite file, auth, audit log) seeded with known usage, keys and
 * audit entries, for the dashboard's browser tests.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createAuditLog, type AuditLog } from '../../src/audit/audit-log.js';
import { createJobSystem, type JobSystem } from '../../src/jobs/job-system.js';
import { parseConfig } from '../../src/config/load.js';
import type { UsageRecord } from '../../src/gateway/usage-record.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createAuth } from '../../src/server/auth/auth.js';
import { createServer } from '../../src/server/create-server.js';

export interface SeededServer {
  url: string;
  keys: { admin: string; viewer: string; developer: string };
  /** Two queued jobs (no runner: they stay queued until cancelled). */
  jobIds: string[];
  app: FastifyInstance;
  close(): Promise<void>;
}

function usageRow(i: number, now: number, overrides: Partial<UsageRecord>): UsageRecord {
  return {
    id: randomUUID(),
    startedAt: now - (i + 1) * 60_000,
    provider: 'openai',
    model: 'fast',
    task: 'chat',
    caller: 'developer',
    attempts: 1,
    cacheHit: false,
    status: 'ok',
    latencyMs: 100 + i * 10,
    ttftMs: 50,
    inputTokens: 1000,
    outputTokens: 200,
    cachedInputTokens: 0,
    costMicros: 1500,
    estimated: false,
    ...overrides,
  };
}

/** 12 calls on `fast` (2 cache hits, 1 failure) and 3 on `claude`, all in the last hour. */
export function seedUsage(now: number): UsageRecord[] {
  const fast = Array.from({ length: 12 }, (_, i) =>
    usageRow(i, now, {
      cacheHit: i < 2,
      status: i === 5 ? 'upstream_error' : 'ok',
      costMicros: i < 2 ? 0 : 1500,
    }),
  );
  const claude = Array.from({ length: 3 }, (_, i) =>
    usageRow(i, now, {
      provider: 'anthropic',
      model: 'claude',
      caller: 'viewer',
      latencyMs: 400 + i,
      costMicros: 9000,
    }),
  );
  return [...fast, ...claude];
}

export async function startSeededServer(): Promise<SeededServer> {
  const home = await mkdtemp(join(tmpdir(), 'shipgate-dashboard-'));
  const config = parseConfig(
    {
      home,
      storage: { url: `sqlite:${join(home, 'shipgate.db')}` },
      providers: {
        openai: { kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-test' },
        anthropic: { kind: 'anthropic', baseUrl: 'http://127.0.0.1:9', apiKey: 'sk-test' },
      },
      models: {
        fast: { provider: 'openai', model: 'gpt-4o-mini' },
        claude: { provider: 'anthropic', model: 'claude-3-5-haiku-latest' },
      },
      cache: { persist: false },
    },
    'test',
  );
  const runtime: Runtime = await createRuntime(config);
  const auth = createAuth({ store: runtime.store, required: true });
  const audit: AuditLog = createAuditLog({ store: runtime.store, includePrompts: false });
  const keys = {
    admin: (await auth.createKey({ name: 'admin', role: 'admin' })).key,
    viewer: (await auth.createKey({ name: 'viewer', role: 'viewer' })).key,
    developer: (
      await auth.createKey({
        name: 'developer',
        role: 'developer',
        budgetUsd: 5,
        budgetPeriod: 'month',
      })
    ).key,
  };
  await runtime.store.usage.insertMany(seedUsage(Date.now()));
  await runtime.store.db.insertInto('gate_results').values(seedGateResults(Date.now())).execute();
  for (const action of ['keys.create', 'inference', 'generate']) {
    audit.append({ actor: 'admin', action, route: '/api/test' });
  }
  await audit.flush();
  const jobs = seedJobSystem(runtime);
  const jobIds: string[] = [];
  for (const kind of ['generate', 'review'] as const) {
    const owner = { id: 'developer', name: 'developer' };
    const answer = await jobs.submit({ kind, payload: { spec: 'x' }, owner }, null);
    jobIds.push((answer.body as { jobId: string }).jobId);
  }
  const app = await createServer({ runtime, auth, audit, jobs });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    keys,
    jobIds,
    app,
    async close() {
      app.server.closeAllConnections();
      await app.close();
      await audit.close();
      await jobs.close();
      await runtime.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

function seedJobSystem(runtime: Runtime): JobSystem {
  const { config, store } = runtime;
  return createJobSystem({
    db: store.db,
    kind: store.kind,
    jobs: config.jobs,
    webhooks: config.webhooks,
    idempotencyTtlMs: config.idempotency.ttlHours * 3_600_000,
  });
}

/** lint: 3 passes and 1 failure; security: 2 passes; all in the last hour. */
export function seedGateResults(now: number) {
  const verdicts = [
    ['lint', 'pass'],
    ['lint', 'pass'],
    ['lint', 'pass'],
    ['lint', 'fail'],
    ['security', 'pass'],
    ['security', 'pass'],
  ] as const;
  return verdicts.map(([gate, verdict], i) => ({
    id: randomUUID(),
    at: now - (i + 1) * 60_000,
    source: 'validate',
    run_id: null,
    gate,
    verdict,
    duration_ms: 10,
  }));
}
