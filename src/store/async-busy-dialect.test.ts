import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from './open-sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'shipgate-busy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How late a 10 ms timer fires while `work` runs: the event loop's stall. */
async function stallDuring(work: Promise<unknown>): Promise<number> {
  let worst = 0;
  let running = true;
  void work.finally(() => (running = false)).catch(() => undefined);
  while (running) {
    const started = performance.now();
    await new Promise((r) => setTimeout(r, 10));
    worst = Math.max(worst, performance.now() - started - 10);
  }
  return worst;
}

describe('SQLite on the main thread with a locked database', () => {
  it('waits for the lock without blocking the event loop, then writes', async () => {
    const path = join(dir, 'wait.db');
    const db = openSqlite(`sqlite:${path}`, { busyTimeoutMs: 3_000 });
    await sql`create table t (v integer)`.execute(db);
    const other = new BetterSqlite3(path);
    other.exec('begin exclusive');
    setTimeout(() => other.exec('rollback'), 600);
    const write = sql`insert into t values (1)`.execute(db);
    const stall = await stallDuring(write);
    await write;
    expect(stall).toBeLessThan(200); // with a blocking busy_timeout it would be ~600 ms
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]?.n).toBe(1);
    other.close();
    await db.destroy();
  });

  it('gives up with SQLITE_BUSY after the busy budget, still without blocking', async () => {
    const path = join(dir, 'fail.db');
    const db = openSqlite(`sqlite:${path}`, { busyTimeoutMs: 300 });
    await sql`create table t (v integer)`.execute(db);
    const other = new BetterSqlite3(path);
    other.exec('begin exclusive');
    const write = sql`insert into t values (1)`.execute(db);
    const stall = await stallDuring(write);
    await expect(write).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(stall).toBeLessThan(150);
    other.exec('rollback');
    other.close();
    await db.destroy();
  });
});
