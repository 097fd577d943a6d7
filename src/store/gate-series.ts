/**
 * Gate verdicts over time: per time bucket and gate, how many runs passed and failed
 * (from `gate_results`, written by /api/validate, /api/generate and reviews). Skips,
 * errors and timeouts count as runs but neither pass nor fail.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface GateSeriesPoint {
  /** Epoch ms of the bucket's start. */
  t: number;
  gate: string;
  runs: number;
  passed: number;
  failed: number;
}

export async function gateSeries(
  db: Kysely<Database>,
  query: { since: number; until: number; bucketMs: number },
): Promise<GateSeriesPoint[]> {
  const bucket = sql<number>`(at - (at % ${sql.lit(query.bucketMs)}))`;
  const rows = await db
    .selectFrom('gate_results')
    .where('at', '>=', query.since)
    .where('at', '<', query.until)
    .select((eb) => [
      bucket.as('t'),
      'gate',
      eb.fn.countAll<number | string>().as('runs'),
      eb.fn
        .sum<number | string>(eb.case().when('verdict', '=', 'pass').then(1).else(0).end())
        .as('passed'),
      eb.fn
        .sum<number | string>(eb.case().when('verdict', '=', 'fail').then(1).else(0).end())
        .as('failed'),
    ])
    .groupBy([bucket, 'gate'])
    .orderBy(bucket)
    .orderBy('gate')
    .execute();
  return rows.map((row) => ({
    t: Number(row.t),
    gate: row.gate,
    runs: Number(row.runs),
    passed: Number(row.passed ?? 0),
    failed: Number(row.failed ?? 0),
  }));
}
