/**
 * Named (prepared) statements for hot queries on Postgres. Kysely sends every query
 * unnamed, so Postgres parses and plans it on each call; a query whose SQL starts with
 * `/*prepare:NAME*\/` is sent as the named statement NAME instead, parsed once per
 * connection (pg keeps track of which connection has it). Opt-in per query: only SQL
 * whose text never changes may carry a name (Postgres refuses a name reused for other
 * text on the same connection).
 */
import type pg from 'pg';

const marker = /^\/\*prepare:([a-z][a-z0-9-]{0,62})\*\//;

type Query = (...args: unknown[]) => unknown;

/** Wraps a pooled client's `query` so that marked SQL runs as a named statement. */
export function namePreparedStatements(client: pg.PoolClient): void {
  const original = client.query.bind(client) as Query;
  const named: Query = (text, values, callback) => {
    const name = typeof text === 'string' ? marker.exec(text)?.[1] : undefined;
    if (name === undefined) return original(text, values, callback);
    return original({ name, text, values }, callback);
  };
  client.query = named as typeof client.query;
}

/** `sql` text marked as the prepared statement `name` (see the module comment). */
export function preparedAs(name: string): string {
  if (!marker.test(`/*prepare:${name}*/`)) throw new Error(`not a statement name: ${name}`);
  return `/*prepare:${name}*/`;
}
