/**
 * The one-round-trip submission against the local Postgres: a new key writes the job
 * and the key's answer in one statement; a replay, another body and a key in progress
 * still get what the Idempotency-Key draft says (through the usual path).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveWebhooks, webhooksConfigSchema } from '../config/jobs-schema.js';
import { openStore, type Store } from '../store/store.js';
import {
  createTestDatabase,
  probePostgres,
  type TestDatabase,
} from '../store/test-support/postgres.js';
import { bodyHash } from './idempotency.js';
import { createJobSystem, type JobSystem } from './job-system.js';

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const probe = await probePostgres(adminUrl);

describe.skipIf(!probe.available)('submit in one Postgres round trip', () => {
  let database: TestDatabase;
  let store: Store;
  let system: JobSystem;
  const owner = { id: 'k1', name: 'ci' };
  const input = (spec: string) => ({ kind: 'generate' as const, payload: { spec }, owner });
  const scope = (key: string, spec: string) => ({ scope: 'k1', key, bodyHash: bodyHash({ spec }) });

  beforeAll(async () => {
    database = await createTestDatabase(adminUrl);
    store = await openStore(database.url);
    system = createJobSystem({
      db: store.db,
      kind: 'postgres',
      jobs: { maxAttempts: 3, maxBatchItems: 10 },
      webhooks: resolveWebhooks(webhooksConfigSchema.parse({}), {}),
      idempotencyTtlMs: 60_000,
    });
  });
  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  it('writes the job and the key’s answer together; the same key replays it', async () => {
    const first = await system.submit(input('a'), scope('key-1', 'a'));
    expect(first).toMatchObject({ status: 202, replayed: false });
    const { jobId } = first.body as { jobId: string };
    const job = await system.get(jobId);
    expect(job).toMatchObject({ id: jobId, kind: 'generate', state: 'queued', attempts: 0 });
    const stored = await store.db
      .selectFrom('jobs')
      .select(['fence', 'run_after', 'max_attempts', 'owner_name', 'payload'])
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      fence: 0,
      run_after: 0,
      max_attempts: 3,
      owner_name: 'ci',
      payload: '{"spec":"a"}',
    });
    const again = await system.submit(input('a'), scope('key-1', 'a'));
    expect(again).toEqual({ status: 202, body: { jobId }, replayed: true });
    const count = await store.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('another body under the same key is a 422, and writes nothing', async () => {
    await system.submit(input('b'), scope('key-2', 'b'));
    await expect(system.submit(input('c'), scope('key-2', 'c'))).rejects.toMatchObject({
      code: 'unprocessable',
    });
    const jobs = await store.db.selectFrom('jobs').select('payload').execute();
    expect(jobs.map((j) => j.payload)).not.toContain('{"spec":"c"}');
  });
});
