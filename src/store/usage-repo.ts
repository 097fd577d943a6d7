/**
 * Usage records: batched inserts, filtered listing and per-group summaries.
 *
 * Percentiles are exact nearest-rank (the value at rank ceil(p·n) of the sorted
 * values): on Postgres in SQL with `percentile_disc` (which is nearest-rank), on
 * SQLite in JS from the group's sorted latencies (SQLite has no percentile
 * aggregate). Sums and counts are computed in SQL on both.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { TaskClass } from '../gateway/types.js';
import type {
  UsageGroupBy,
  UsageQuery,
  UsageRecord,
  UsageSummaryRow,
} from '../gateway/usage-record.js';
import { siblingModule } from '../lib/module-worker.js';
import type { BackgroundWriter } from './background/sqlite-worker.js';
import { usageRowValues } from './background/usage-ops.js';
import type { Database, NewUsageRow, StoreKind, UsageRow } from './schema.js';

export interface UsageRepo {
  /** Inserts in multi-row statements; a record whose id is already stored is skipped (retry-safe). */
  insertMany(records: readonly UsageRecord[]): Promise<void>;
  /** Matching records, newest first. `since` is inclusive, `until` exclusive. */
  list(query?: UsageQuery): Promise<UsageRecord[]>;
  /** One row per group value, highest cost first (then key). `limit` is ignored. */
  summarize(query: UsageQuery, groupBy: UsageGroupBy): Promise<UsageSummaryRow[]>;
}

/** 16 columns × 1000 rows = 16,000 parameters: under SQLite's 32,766 and Postgres' 65,535. */
export const USAGE_INSERT_CHUNK = 1000;

/**
 * `writer`: a SQLite file's background writer; inserts then run on its thread (one
 * transaction, one prepared statement), so a locked database never blocks the loop.
 */
export function createUsageRepo(
  db: Kysely<Database>,
  kind: StoreKind,
  writer?: BackgroundWriter,
): UsageRepo {
  const ops = siblingModule(import.meta.url, 'background/usage-ops');
  return {
    async insertMany(records) {
      if (records.length === 0) return;
      const rows = records.map(toRow);
      if (writer) {
        await writer.call(ops, 'usage.insert', rows.map(usageRowValues));
        return;
      }
      if (rows.length <= USAGE_INSERT_CHUNK) {
        await insertChunk(db, rows);
        return;
      }
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += USAGE_INSERT_CHUNK) {
          await insertChunk(trx, rows.slice(i, i + USAGE_INSERT_CHUNK));
        }
      });
    },

    async list(query = {}) {
      let qb = db
        .selectFrom('usage')
        .selectAll()
        .where((eb) => usageFilter(eb, query))
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc');
      if (query.limit !== undefined) qb = qb.limit(query.limit);
      return (await qb.execute()).map(fromRow);
    },

    summarize(query, groupBy) {
      return kind === 'postgres'
        ? summarizePostgres(db, query, groupBy)
        : summarizeSqlite(db, query, groupBy);
    },
  };
}

async function insertChunk(db: Kysely<Database>, rows: NewUsageRow[]): Promise<void> {
  await db
    .insertInto('usage')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

function usageFilter(eb: ExpressionBuilder<Database, 'usage'>, query: UsageQuery) {
  const conditions = [];
  if (query.since !== undefined) conditions.push(eb('started_at', '>=', query.since));
  if (query.until !== undefined) conditions.push(eb('started_at', '<', query.until));
  if (query.caller !== undefined) conditions.push(eb('caller', '=', query.caller));
  if (query.model !== undefined) conditions.push(eb('model', '=', query.model));
  if (query.task !== undefined) conditions.push(eb('task', '=', query.task));
  return eb.and(conditions);
}

/** The SQL sums and counts of a summary, grouped by `groupBy`. */
function aggregates(db: Kysely<Database>, query: UsageQuery, groupBy: UsageGroupBy) {
  return db
    .selectFrom('usage')
    .where((eb) => usageFilter(eb, query))
    .groupBy(groupBy)
    .select((eb) => [
      eb.ref(groupBy).as('key'),
      eb.fn.countAll<number | string>().as('calls'),
      eb.fn
        .sum<number | string>(eb.case().when('status', '<>', 'ok').then(1).else(0).end())
        .as('failures'),
      eb.fn.sum<number | string>('input_tokens').as('input_sum'),
      eb.fn.sum<number | string>('output_tokens').as('output_sum'),
      eb.fn.sum<number | string>('cached_input_tokens').as('cached_sum'),
      eb.fn.sum<number | string>('cost_micros').as('cost_sum'),
      eb.fn.sum<number | string>('cache_hit').as('cache_hits'),
      eb.fn.sum<number | string>('estimated').as('estimated_calls'),
    ]);
}

type AggregateRow = Awaited<ReturnType<ReturnType<typeof aggregates>['execute']>>[number];

interface Percentiles {
  p50LatencyMs: number;
  p95LatencyMs: number;
  p50TtftMs: number | null;
}

async function summarizePostgres(
  db: Kysely<Database>,
  query: UsageQuery,
  groupBy: UsageGroupBy,
): Promise<UsageSummaryRow[]> {
  const rows = await aggregates(db, query, groupBy)
    .select([
      sql<number>`percentile_disc(0.5) within group (order by latency_ms)`.as('p50_latency'),
      sql<number>`percentile_disc(0.95) within group (order by latency_ms)`.as('p95_latency'),
      sql<number | null>`percentile_disc(0.5) within group (order by ttft_ms)`.as('p50_ttft'),
    ])
    .execute();
  return sortSummary(
    rows.map((row) =>
      toSummary(row, {
        p50LatencyMs: row.p50_latency,
        p95LatencyMs: row.p95_latency,
        p50TtftMs: row.p50_ttft,
      }),
    ),
  );
}

async function summarizeSqlite(
  db: Kysely<Database>,
  query: UsageQuery,
  groupBy: UsageGroupBy,
): Promise<UsageSummaryRow[]> {
  const rows = await aggregates(db, query, groupBy).execute();
  const samples = await db
    .selectFrom('usage')
    .where((eb) => usageFilter(eb, query))
    .select((eb) => [eb.ref(groupBy).as('key'), 'latency_ms', 'ttft_ms'])
    .orderBy('latency_ms')
    .execute();
  const byKey = new Map<string, { latencies: number[]; ttfts: number[] }>();
  for (const sample of samples) {
    let group = byKey.get(sample.key);
    if (group === undefined) byKey.set(sample.key, (group = { latencies: [], ttfts: [] }));
    group.latencies.push(sample.latency_ms);
    if (sample.ttft_ms !== null) group.ttfts.push(sample.ttft_ms);
  }
  return sortSummary(
    rows.map((row) => {
      const group = byKey.get(row.key) ?? { latencies: [], ttfts: [] };
      const ttfts = group.ttfts.sort((a, b) => a - b);
      return toSummary(row, {
        p50LatencyMs: nearestRank(group.latencies, 0.5) ?? 0,
        p95LatencyMs: nearestRank(group.latencies, 0.95) ?? 0,
        p50TtftMs: nearestRank(ttfts, 0.5),
      });
    }),
  );
}

/** Nearest-rank percentile of ascending `sorted` (same formula as Postgres' percentile_disc). */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1;
  return sorted[index] ?? null;
}

function toSummary(row: AggregateRow, percentiles: Percentiles): UsageSummaryRow {
  return {
    key: row.key,
    calls: Number(row.calls),
    failures: Number(row.failures ?? 0),
    inputTokens: Number(row.input_sum ?? 0),
    outputTokens: Number(row.output_sum ?? 0),
    cachedInputTokens: Number(row.cached_sum ?? 0),
    costMicros: Number(row.cost_sum ?? 0),
    cacheHits: Number(row.cache_hits ?? 0),
    ...percentiles,
    estimatedCalls: Number(row.estimated_calls ?? 0),
  };
}

function sortSummary(rows: UsageSummaryRow[]): UsageSummaryRow[] {
  return rows.sort((a, b) =>
    b.costMicros !== a.costMicros ? b.costMicros - a.costMicros : a.key < b.key ? -1 : 1,
  );
}

function toRow(record: UsageRecord): NewUsageRow {
  return {
    id: record.id,
    started_at: record.startedAt,
    provider: record.provider,
    model: record.model,
    task: record.task,
    caller: record.caller,
    attempts: record.attempts,
    cache_hit: record.cacheHit ? 1 : 0,
    status: record.status,
    latency_ms: record.latencyMs,
    ttft_ms: record.ttftMs,
    input_tokens: record.inputTokens,
    output_tokens: record.outputTokens,
    cached_input_tokens: record.cachedInputTokens,
    cost_micros: record.costMicros,
    estimated: record.estimated ? 1 : 0,
  };
}

function fromRow(row: UsageRow): UsageRecord {
  return {
    id: row.id,
    startedAt: row.started_at,
    provider: row.provider,
    model: row.model,
    // Written only from UsageRecord.task, so it is a TaskClass.
    task: row.task as TaskClass,
    caller: row.caller,
    attempts: row.attempts,
    cacheHit: row.cache_hit === 1,
    status: row.status,
    latencyMs: row.latency_ms,
    ttftMs: row.ttft_ms,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cachedInputTokens: row.cached_input_tokens,
    costMicros: row.cost_micros,
    estimated: row.estimated === 1,
  };
}
