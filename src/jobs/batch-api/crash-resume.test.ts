/**
 * A worker killed while its job's call waits in a provider batch: the job's next
 * attempt (another worker, another collector) follows the batch the first one
 * submitted — one provider batch, metered once — through the ledger in a real
 * SQLite store. A batch the provider no longer knows is submitted afresh.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayResult } from '../../gateway/call-result.js';
import type { ModelRequest } from '../../gateway/types.js';
import type { UsageRecord } from '../../gateway/usage-record.js';
import { openStore, type Store } from '../../store/store.js';
import { createTestDatabase, probePostgres } from '../../store/test-support/postgres.js';
import {
  startFakeBatchUpstream,
  type FakeBatchUpstream,
} from '../test-support/fake-batch-upstream.js';
import { batchTestModel } from '../test-support/batch-model.js';
import { createBatchCaller } from './batch-caller.js';
import { batchRequestHash, dbBatchLedger, type BatchCallLedger } from './call-ledger.js';
import { createOpenAIBatchBackend } from './openai-batch.js';

const model = batchTestModel;
const ask = (text: string): ModelRequest => ({
  task: 'generate',
  messages: [{ role: 'user', content: text }],
  maxOutputTokens: 128,
});

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const postgres = await probePostgres(adminUrl);

/** A store URL for one test and its cleanup: a SQLite file, or a fresh Postgres database. */
async function sqliteStore() {
  const dir = mkdtempSync(join(tmpdir(), 'sg-batch-ledger-'));
  return {
    url: `sqlite:${join(dir, 'jobs.db')}`,
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
async function postgresStore() {
  const db = await createTestDatabase(adminUrl);
  return { url: db.url, dispose: () => db.dispose() };
}
const stores = [
  { name: 'SQLite', open: sqliteStore, skip: false },
  { name: 'Postgres', open: postgresStore, skip: !postgres.available },
];
if (!postgres.available) console.warn(`the ledger on Postgres is skipped: ${postgres.reason}`);

for (const { name, open, skip } of stores)
  describe.skipIf(skip)(`provider batch calls survive a killed worker (${name})`, () => {
    let fake: FakeBatchUpstream;
    let place: { url: string; dispose: () => Promise<void> };
    let store: Store;
    let ledger: BatchCallLedger;
    beforeAll(async () => (fake = await startFakeBatchUpstream()));
    afterAll(() => fake.close());
    beforeEach(async () => {
      Object.assign(fake.settings, { pollsToEnd: 2, expire: false, hold: false, reject: false });
      place = await open();
      store = await openStore(place.url);
      ledger = dbBatchLedger(store.db);
    });
    afterEach(async () => {
      await store.close();
      await place.dispose();
    });

    /** A worker: its own collector; `die()` cuts its network (a killed process polls no more). */
    function worker() {
      let dead = false;
      const records: UsageRecord[] = [];
      const direct: ModelRequest[] = [];
      const fetchUntilDead: typeof fetch = (input, init) =>
        dead ? Promise.reject(new Error('the process is gone')) : fetch(input, init);
      const caller = createBatchCaller({
        gateway: {
          registry: { candidates: () => [model] },
          meter: { record: (r) => void records.push(r) },
          generate: async (request) => {
            direct.push(request);
            return { text: 'now' } as GatewayResult;
          },
        },
        backends: new Map([
          [
            'oai',
            createOpenAIBatchBackend({ fetch: fetchUntilDead, baseUrl: fake.baseUrl, headers: {} }),
          ],
        ]),
        settings: {
          pollMs: 10,
          deadlineMs: 5_000,
          collectMs: 10,
          maxRequests: 100,
          discount: 0.5,
          onTimeout: 'fail',
        },
        ledger,
      });
      return { caller, records, direct, die: () => (dead = true) };
    }

    it('the next attempt follows the batch the killed one submitted: one batch, metered once', async () => {
      fake.settings.hold = true;
      const before = fake.batches.length;
      const first = worker();
      const lost = first.caller.forJob('job-1').generate(ask('add two numbers'));
      lost.catch(() => undefined);
      const hash = batchRequestHash('oai', 'gpt-x', ask('add two numbers'));
      await expect.poll(() => ledger.find('job-1', hash)).toBeDefined();
      expect((await ledger.find('job-1', hash))?.batchId).toBe(fake.batches.at(-1)?.id);
      first.die();

      const second = worker();
      const rerun = second.caller.forJob('job-1').generate(ask('add two numbers'));
      await new Promise((r) => setTimeout(r, 50));
      fake.settings.hold = false;
      const result = await rerun;
      expect(result.text).toContain('export function add');
      expect(fake.batches.length).toBe(before + 1); // not paid for twice
      expect(second.records.map((r) => [r.status, r.costMicros])).toEqual([['ok', 3_000]]);
      expect(second.direct).toEqual([]);
      expect(await ledger.find('job-1', hash)).toBeUndefined();
    });

    it('another job, or another request of the same job, does not take the batch over', async () => {
      const hash = batchRequestHash('oai', 'gpt-x', ask('one'));
      await ledger.record({
        jobId: 'job-2',
        requestHash: hash,
        provider: 'oai',
        batchId: 'batch-of-someone-else',
        customId: 'x',
        submittedAt: Date.now(),
      });
      const before = fake.batches.length;
      const { caller } = worker();
      await caller.forJob('job-3').generate(ask('one'));
      await caller.forJob('job-2').generate(ask('two'));
      expect(fake.batches.length).toBe(before + 2);
    });

    it('a batch the provider no longer knows is submitted afresh', async () => {
      const hash = batchRequestHash('oai', 'gpt-x', ask('subtract'));
      await ledger.record({
        jobId: 'job-4',
        requestHash: hash,
        provider: 'oai',
        batchId: 'batch-gone',
        customId: 'sg-x-1',
        submittedAt: Date.now(),
      });
      const before = fake.batches.length;
      const { caller } = worker();
      const result = await caller.forJob('job-4').generate(ask('subtract'));
      expect(result.text).toContain('export function');
      expect(fake.batches.length).toBe(before + 1);
      expect(await ledger.find('job-4', hash)).toBeUndefined();
    });
  });
