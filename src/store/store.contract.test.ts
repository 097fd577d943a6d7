/**
 * One contract suite (test-support/store-contract.ts) against a real SQLite file
 * and a throwaway database on the local Postgres server (created here, dropped
 * after). Set SHIPGATE_TEST_PG_URL to point at another server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { createTestDatabase, probePostgres } from './test-support/postgres.js';
import { storeContract } from './test-support/store-contract.js';

const pgAdminUrl =
  process.env.SHIPGATE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const probe = await probePostgres(pgAdminUrl);
if (!probe.available) console.warn(`store contract: skipping Postgres: ${probe.reason}`);

describe('store contract: sqlite file', () => {
  storeContract('sqlite', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shipgate-store-'));
    return {
      url: `sqlite:${join(dir, 'nested', 'dir', 'shipgate.db')}`,
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  });
});

describe.skipIf(!probe.available)(
  `store contract: postgres${probe.available ? '' : ` (skipped: ${probe.reason})`}`,
  () => {
    storeContract('postgres', () => createTestDatabase(pgAdminUrl));
  },
);
