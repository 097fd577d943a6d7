/**
 * Usage over time: one row per time bucket (calls, failures, cost, cache hits,
 * p50/p95 latency), for the dashboard's charts. Sums are SQL on both backends;
 * percentiles are nearest-rank, like `UsageRepo.summarize` (Postgres in SQL,
 * SQLite in JS over the bucket's sorted latencies).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, StoreKind } from './schema.js';
import { nearestRank } from './usage-repo.js';

export interface UsageSeriesQuery {
  since: number;
  until: number;
  bucketMs: number;
  /** Only this caller's records (a developer key sees its own). */
  caller?: string;
}

export interface UsageSeriesPoint {
  /** Epoch ms of the bucket's start. */
  t: number;
  calls: number;
  failures: number;
  costMicros: number;
  cacheHits: number;
  inputTokens: number;
  outputTokens: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
}

/** Buckets at most this many points: a wider range needs a wider bucket. */
export const MAX_SERIES_POINTS = 2_000;

export async function usageSeries(
  db: Kysely<Database>,
  kind: StoreKind,
  query: UsageSeriesQuery,
): Promise<UsageSeriesPoint[]> {
  const bucket = sql<number>`(started_at - (started_at % ${sql.lit(query.bucketMs)}))`;
  const sums = await filtered(db, query)
    .select((eb) => [
      bucket.as('t'),
      eb.fn.countAll<number | string>().as('calls'),
      eb.fn
        .sum<number | string>(eb.case().when('status', '<>', 'ok').then(1).else(0).end())
        .as('failures'),
      eb.fn.sum<number | string>('cost_micros').as('cost'),
      eb.fn.sum<number | string>('cache_hit').as('hits'),
      eb.fn.sum<number | string>('input_tokens').as('input'),
      eb.fn.sum<number | string>('output_tokens').as('output'),
      kind === 'postgres'
        ? sql<number>`percentile_disc(0.5) within group (order by latency_ms)`.as('p50')
        : sql<number>`0`.as('p50'),
      kind === 'postgres'
        ? sql<number>`percentile_disc(0.95) within group (order by latency_ms)`.as('p95')
        : sql<number>`0`.as('p95'),
    ])
    .groupBy(bucket)
    .orderBy(bucket)
    .execute();
  const latencies = kind === 'postgres' ? null : await sqliteLatencies(db, query, bucket);
  return sums.map((row) => {
    const t = Number(row.t);
    const sorted = latencies?.get(t) ?? [];
    return {
      t,
      calls: Number(row.calls),
      failures: Number(row.failures ?? 0),
      costMicros: Number(row.cost ?? 0),
      cacheHits: Number(row.hits ?? 0),
      inputTokens: Number(row.input ?? 0),
      outputTokens: Number(row.output ?? 0),
      p50LatencyMs: latencies ? (nearestRank(sorted, 0.5) ?? 0) : Number(row.p50),
      p95LatencyMs: latencies ? (nearestRank(sorted, 0.95) ?? 0) : Number(row.p95),
    };
  });
}

function filtered(db: Kysely<Database>, query: UsageSeriesQuery) {
  return db
    .selectFrom('usage')
    .where('started_at', '>=', query.since)
    .where('started_at', '<', query.until)
    .$if(query.caller !== undefined, (qb) => qb.where('caller', '=', query.caller ?? ''));
}

/** SQLite has no percentile aggregate: each bucket's latencies, ascending. */
async function sqliteLatencies(
  db: Kysely<Database>,
  query: UsageSeriesQuery,
  bucket: RawBuilder<number>,
): Promise<Map<number, number[]>> {
  const rows = await filtered(db, query)
    .select([bucket.as('t'), 'latency_ms'])
    .orderBy('latency_ms')
    .execute();
  const byBucket = new Map<number, number[]>();
  for (const row of rows) {
    const t = Number(row.t);
    let list = byBucket.get(t);
    if (list === undefined) byBucket.set(t, (list = []));
    list.push(row.latency_ms);
  }
  return byBucket;
}

export type UsageTotals = Omit<UsageSeriesPoint, 't'>;

/** The same figures over the whole range (percentiles of all its calls, not of buckets). */
export async function usageTotals(
  db: Kysely<Database>,
  kind: StoreKind,
  query: Omit<UsageSeriesQuery, 'bucketMs'>,
): Promise<UsageTotals> {
  const [point] = await usageSeries(db, kind, { ...query, bucketMs: WHOLE_RANGE_MS });
  const empty = { calls: 0, failures: 0, costMicros: 0, cacheHits: 0, inputTokens: 0 };
  if (point === undefined) return { ...empty, outputTokens: 0, p50LatencyMs: 0, p95LatencyMs: 0 };
  const { t: _t, ...totals } = point;
  return totals;
}

/** Far wider than any epoch-ms timestamp, so every row falls into bucket 0. */
const WHOLE_RANGE_MS = 2 ** 52;
