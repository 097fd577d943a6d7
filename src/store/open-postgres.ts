import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { namePreparedStatements } from './prepared-statements.js';
import type { Database } from './schema.js';
import { describeCause, errorCode, storeUnavailable } from './store-errors.js';

export interface PostgresOptions {
  /** Pool size. Default 10. */
  poolMax?: number;
  /** Connect timeout (ms). Default 5000. */
  connectTimeoutMs?: number;
  /** Errors of idle pooled connections (server restart…); they are otherwise ignored. */
  onPoolError?: (error: Error) => void;
}

const INT8_OID = 20;

/**
 * int8 (bigint, count(*)) as a JS number instead of pg's default string. Set on
 * this pool only: the global `pg.types` is left alone. Exact up to 2^53 - 1.
 */
const int8AsNumber: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return format === 'binary'
      ? pg.types.getTypeParser(oid, 'binary')
      : pg.types.getTypeParser(oid, 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** `host:port/database` of a Postgres URL, without credentials, for messages. */
export function describePostgresTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname === '' ? 'localhost' : parsed.hostname;
    return `${host}:${parsed.port === '' ? '5432' : parsed.port}${parsed.pathname}`;
  } catch {
    return '(unparsable postgres URL)';
  }
}

/** Opens a pool and checks that a connection can be made. */
export async function openPostgres(
  url: string,
  options: PostgresOptions = {},
): Promise<Kysely<Database>> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    types: int8AsNumber,
  });
  const onError = options.onPoolError ?? (() => undefined);
  pool.on('error', onError);
  // A checked-out client whose server goes away emits 'error' too; without a listener
  // that event would crash the process (found by bench/gateway-core, database stopped).
  pool.on('connect', (client) => {
    client.on('error', onError);
    namePreparedStatements(client);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw storeUnavailable(connectFailureMessage(url, error), error);
  }
  return db;
}

function connectFailureMessage(url: string, error: unknown): string {
  const target = describePostgresTarget(url);
  const base = `cannot connect to Postgres at ${target} (${describeCause(error)})`;
  switch (errorCode(error)) {
    case 'ECONNREFUSED':
      return `${base}: is the server running and listening on that host and port? Check storage.url`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${base}: the host name does not resolve; check storage.url`;
    case '3D000':
      return `${base}: the database does not exist; create it (createdb) or fix storage.url`;
    case '28P01':
    case '28000':
      return `${base}: authentication failed; check the user and password in storage.url`;
    default:
      return `${base}: check storage.url and that the server accepts connections`;
  }
}
