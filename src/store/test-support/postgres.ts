/** Test helpers for the real local Postgres: probe it, create and drop a throwaway database. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type PostgresProbe = { available: true } | { available: false; reason: string };

export interface TestDatabase {
  url: string;
  dispose(): Promise<void>;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function probePostgres(adminUrl: string): Promise<PostgresProbe> {
  try {
    await withClient(adminUrl, (client) => client.query('select 1'));
    return { available: true };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const detail = error instanceof Error && error.message !== '' ? error.message : String(code);
    return {
      available: false,
      reason: `Postgres at ${redact(adminUrl)} is unreachable: ${detail}`,
    };
  }
}

/** CREATE DATABASE shipgate_test_<random>; dispose() drops it WITH (FORCE). */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `shipgate_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async dispose() {
      await withClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
