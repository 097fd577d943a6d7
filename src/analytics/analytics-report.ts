/**
 * `GET /api/analytics` and `shipgate usage --analytics`: is AI code landing?
 * Completion acceptance and cost per accepted completion, pass rate per gate,
 * generate's first-try vs after-repair pass rate, a hallucination proxy (share of
 * generate runs whose first attempt named something that does not exist:
 * TS2304/2305/2307/2339/2551), and p50/p95 latency per model and per task.
 */
import type { Store } from '../store/store.js';
import { createAnalyticsRepo, type Period } from './analytics-repo.js';
import { roundTo } from './break-even.js';
import { acceptanceOf, readFeedback, type Acceptance } from './feedback-events.js';

export interface GateRate {
  gate: string;
  runs: number;
  passed: number;
  failed: number;
  skipped: number;
  /** passed ÷ (passed + failed); null when the gate never decided. */
  passRate: number | null;
}

export interface LatencyRow {
  key: string;
  requests: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
}

export interface AnalyticsReport {
  period: { from: string; to: string };
  completions: Acceptance & {
    source: 'completion_events' | 'audit_log';
    costUsd: number;
    costPerAcceptedUsd: number | null;
  };
  gates: GateRate[];
  generate: {
    runs: number;
    firstTryPassRate: number | null;
    afterRepairPassRate: number | null;
    repaired: number;
    hallucinationRate: number | null;
  };
  latency: { byModel: LatencyRow[]; byTask: LatencyRow[] };
}

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : roundTo(part / whole, 4);

function gateRates(rows: { gate: string; verdict: string; count: number }[]): GateRate[] {
  const byGate = new Map<string, GateRate>();
  for (const r of rows) {
    const g = byGate.get(r.gate) ?? {
      gate: r.gate,
      runs: 0,
      passed: 0,
      failed: 0,
      skipped: 0,
      passRate: null,
    };
    g.runs += r.count;
    if (r.verdict === 'pass') g.passed += r.count;
    else if (r.verdict === 'skip') g.skipped += r.count;
    else g.failed += r.count;
    byGate.set(r.gate, g);
  }
  return [...byGate.values()].map((g) => ({
    ...g,
    passRate: ratio(g.passed, g.passed + g.failed),
  }));
}

function generateRates(runs: { passed: number; first_try_passed: number; hallucinated: number }[]) {
  const passed = runs.filter((r) => r.passed === 1).length;
  const first = runs.filter((r) => r.first_try_passed === 1).length;
  return {
    runs: runs.length,
    firstTryPassRate: ratio(first, runs.length),
    afterRepairPassRate: ratio(passed, runs.length),
    repaired: runs.filter((r) => r.passed === 1 && r.first_try_passed === 0).length,
    hallucinationRate: ratio(runs.filter((r) => r.hallucinated === 1).length, runs.length),
  };
}

export async function analyticsReport(store: Store, period: Period): Promise<AnalyticsReport> {
  const repo = createAnalyticsRepo(store.db);
  const [feedback, gates, runs, byModel, byTask] = await Promise.all([
    readFeedback(store.db, period),
    repo.gateResults(period),
    repo.generateRuns(period),
    store.usage.summarize(period, 'model'),
    store.usage.summarize(period, 'task'),
  ]);
  const acceptance = acceptanceOf(feedback.events);
  const completeMicros = byTask.find((t) => t.key === 'complete')?.costMicros ?? 0;
  const latency = (rows: typeof byModel): LatencyRow[] =>
    rows.map((r) => ({
      key: r.key,
      requests: r.calls,
      p50LatencyMs: r.p50LatencyMs,
      p95LatencyMs: r.p95LatencyMs,
    }));
  return {
    period: {
      from: new Date(period.since).toISOString(),
      to: new Date(period.until).toISOString(),
    },
    completions: {
      ...acceptance,
      rate: acceptance.rate === null ? null : roundTo(acceptance.rate, 4),
      source: feedback.source,
      costUsd: roundTo(completeMicros / 1e6, 6),
      costPerAcceptedUsd:
        acceptance.accepted === 0 ? null : roundTo(completeMicros / 1e6 / acceptance.accepted, 6),
    },
    gates: gateRates(gates),
    generate: generateRates(runs),
    latency: { byModel: latency(byModel), byTask: latency(byTask) },
  };
}
