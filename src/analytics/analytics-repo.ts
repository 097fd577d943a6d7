/**
 * Writes and reads what analytics needs beyond usage rows: generate runs and
 * gate verdicts (tables from store migration 0002). Built over the store's Kysely
 * instance, so it works the same on SQLite and Postgres.
 */
import { timeOrderedUuid } from '../lib/time-ordered-id.js';
import type { Kysely } from 'kysely';
import type { GateSummary } from '../gates/validation-report.js';
import type { GenerateResult } from '../generate/types.js';
import type { Database } from '../store/schema.js';

/** TypeScript codes for names, modules or members that do not exist. */
export const hallucinationCodes: ReadonlySet<string> = new Set([
  'TS2304',
  'TS2305',
  'TS2307',
  'TS2339',
  'TS2551',
]);

export interface GenerateRunMeta {
  caller: string;
  /** The model asked for (the alias that answered is in the attempts). */
  model?: string;
  at?: number;
}

export interface Period {
  since: number;
  until: number;
}

export interface AnalyticsRepo {
  /** Records a finished generate run and its gate verdicts (every attempt). */
  recordGenerate(result: GenerateResult, meta: GenerateRunMeta): Promise<void>;
  /** Records one validation's gate verdicts (`source`: validate, review, …). */
  recordGates(source: string, gates: readonly GateSummary[], runId?: string): Promise<void>;
  generateRuns(period: Period, caller?: string): Promise<Database['generate_runs'][]>;
  gateResults(period: Period): Promise<{ gate: string; verdict: string; count: number }[]>;
}

/** True when the first attempt reported a TS2304/2305/2307/2339/2551 finding. */
export function firstAttemptHallucinated(result: GenerateResult): boolean {
  const first = result.attempts[0];
  return first?.findings.some((f) => hallucinationCodes.has(f.rule)) ?? false;
}

function runRow(result: GenerateResult, meta: GenerateRunMeta, id: string, at: number) {
  const first = result.attempts[0];
  return {
    id,
    at,
    template: result.template.name,
    template_version: result.template.version,
    model: result.attempts.at(-1)?.model ?? meta.model ?? 'unknown',
    caller: meta.caller,
    passed: result.passed ? 1 : 0,
    attempts: result.attempts.length,
    first_try_passed: first?.verdict === 'pass' ? 1 : 0,
    hallucinated: firstAttemptHallucinated(result) ? 1 : 0,
    cost_micros: result.totals.costMicros,
    duration_ms: result.totals.durationMs,
  };
}

function gateRows(source: string, gates: readonly GateSummary[], at: number, runId?: string) {
  return gates.map((g) => ({
    id: timeOrderedUuid(),
    at,
    source,
    run_id: runId ?? null,
    gate: g.gate,
    verdict: g.verdict,
    duration_ms: g.durationMs,
  }));
}

export function createAnalyticsRepo(db: Kysely<Database>, now = Date.now): AnalyticsRepo {
  return {
    async recordGenerate(result, meta) {
      const id = timeOrderedUuid();
      const at = meta.at ?? now();
      const gates = result.attempts.flatMap((a) => gateRows('generate', a.gates, at, id));
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('generate_runs')
          .values(runRow(result, meta, id, at))
          .execute();
        if (gates.length > 0) await trx.insertInto('gate_results').values(gates).execute();
      });
    },
    async recordGates(source, gates, runId) {
      if (gates.length === 0) return;
      await db
        .insertInto('gate_results')
        .values(gateRows(source, gates, now(), runId))
        .execute();
    },
    generateRuns({ since, until }, caller) {
      return db
        .selectFrom('generate_runs')
        .selectAll()
        .where('at', '>=', since)
        .where('at', '<', until)
        .$if(caller !== undefined, (qb) => qb.where('caller', '=', caller ?? ''))
        .orderBy('at')
        .execute();
    },
    async gateResults({ since, until }) {
      const rows = await db
        .selectFrom('gate_results')
        .where('at', '>=', since)
        .where('at', '<', until)
        .groupBy(['gate', 'verdict'])
        .select((eb) => ['gate', 'verdict', eb.fn.countAll<number | string>().as('count')])
        .orderBy('gate')
        .execute();
      return rows.map((r) => ({ gate: r.gate, verdict: r.verdict, count: Number(r.count) }));
    },
  };
}
