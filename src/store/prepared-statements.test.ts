/**
 * Marked SQL runs as a named statement on the real local Postgres: parsed once per
 * connection (it shows in pg_prepared_statements), with the same answers; unmarked SQL
 * stays unnamed.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedAs } from './prepared-statements.js';
import { openStore, type Store } from './store.js';
import { createTestDatabase, probePostgres, type TestDatabase } from './test-support/postgres.js';

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const probe = await probePostgres(adminUrl);
if (!probe.available) console.warn(`prepared statements on Postgres are skipped: ${probe.reason}`);

describe.skipIf(!probe.available)('prepared statements (local Postgres)', () => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl);
    store = await openStore(database.url, { poolMax: 1 }); // one connection: one place to look
  });
  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  const prepared = async () =>
    (await sql<{ name: string }>`select name from pg_prepared_statements`.execute(store.db)).rows
      .map((r) => r.name)
      .sort();

  it('runs marked SQL as the named statement, again and again, with its parameters', async () => {
    const marked = (n: number) =>
      sql<{ n: number }>`${sql.raw(preparedAs('add-one'))} select ${n}::int + 1 as n`;
    expect((await marked(1).execute(store.db)).rows).toEqual([{ n: 2 }]);
    expect((await marked(41).execute(store.db)).rows).toEqual([{ n: 42 }]);
    expect(await prepared()).toEqual(['add-one']);
  });

  it('leaves unmarked SQL unnamed, and refuses a name that is not one', async () => {
    const before = await prepared();
    await sql`select ${'x'}::text as x`.execute(store.db);
    expect(await prepared()).toEqual(before);
    expect(() => preparedAs('Bad Name*/ drop table jobs; --')).toThrow(/not a statement name/);
  });
});
