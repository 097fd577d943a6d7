/** The cost and analytics reports on Postgres (migration 0004 and the SQL sums), skipped without a server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load.js';
import { openStore, type Store } from '../store/store.js';
import {
  createTestDatabase,
  probePostgres,
  type TestDatabase,
} from '../store/test-support/postgres.js';
import { createAnalyticsRepo } from './analytics-repo.js';
import { analyticsReport } from './analytics-report.js';
import { costReport } from './cost-report.js';

const admin = process.env.SHIPGATE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const probe = await probePostgres(admin);
const NOW = Date.UTC(2026, 5, 30);

describe.skipIf(!probe.available)(
  `reports on Postgres${probe.available ? '' : ` (skipped: ${probe.reason})`}`,
  () => {
    let db: TestDatabase;
    let store: Store;
    beforeAll(async () => {
      db = await createTestDatabase(admin);
      store = await openStore(db.url);
    });
    afterAll(async () => {
      await store?.close();
      await db?.dispose();
    });

    it('sums spend and break-even, and reads generate runs and gate verdicts', async () => {
      await store.usage.insertMany(
        Array.from({ length: 300 }, (_, i) => ({
          id: `pg-${i}`,
          startedAt: NOW - 86_400_000,
          provider: 'openai',
          model: 'gpt',
          task: 'complete' as const,
          caller: 'alice',
          attempts: 1,
          cacheHit: false,
          status: 'ok',
          latencyMs: i,
          ttftMs: null,
          inputTokens: 10,
          outputTokens: 2,
          cachedInputTokens: 0,
          costMicros: 1000,
          estimated: false,
        })),
      );
      const repo = createAnalyticsRepo(store.db, () => NOW - 1000);
      await repo.recordGenerate(
        {
          passed: true,
          stopReason: 'passed',
          stopDetail: '',
          template: { name: 't', version: '1', hash: 'h' },
          withTests: false,
          files: [],
          attempts: [],
          totals: { attempts: 1, inputTokens: 1, outputTokens: 1, costMicros: 5, durationMs: 1 },
        },
        { caller: 'alice' },
      );
      await repo.recordGates('validate', [
        { gate: 'lint', verdict: 'pass', durationMs: 3, findings: 0 },
      ]);
      const config = parseConfig(
        { providers: { openai: { kind: 'openai', apiKey: 'sk-x' } } },
        'test',
      );
      const cost = await costReport(store, config, {
        since: NOW - 30 * 86_400_000,
        now: NOW,
        selfHostedMonthlyUsd: 4162,
      });
      expect(cost).toMatchObject({
        requests: 300,
        costUsd: 0.3,
        breakEven: { breakEvenRequestsPerDay: 138_733, currentRequestsPerDay: 10 },
      });
      expect(cost.byTemplate).toEqual([{ template: 't', runs: 1, costUsd: 0.000005 }]);
      const analytics = await analyticsReport(store, { since: NOW - 86_400_000 * 2, until: NOW });
      expect(analytics.gates).toEqual([
        { gate: 'lint', runs: 1, passed: 1, failed: 0, skipped: 0, passRate: 1 },
      ]);
      expect(analytics.generate.runs).toBe(1);
      expect(analytics.latency.byModel[0]).toMatchObject({
        key: 'gpt',
        requests: 300,
        p50LatencyMs: 149,
        p95LatencyMs: 284,
      });
      expect(analytics.completions.source).toBe('completion_events');
    });
  },
);
