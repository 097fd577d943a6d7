/** The text form of `shipgate usage --analytics`. */
import type { AnalyticsReport, LatencyRow } from '../../analytics/analytics-report.js';
import { renderTable } from '../table.js';

const pct = (rate: number | null): string => (rate === null ? '-' : `${(rate * 100).toFixed(1)}%`);
const usd = (v: number | null): string => (v === null ? '-' : `$${v.toFixed(v >= 0.01 ? 4 : 6)}`);

function latencyTable(title: string, rows: LatencyRow[]): string {
  if (rows.length === 0) return '';
  return `\n${renderTable(
    [title, 'requests', 'p50 ms', 'p95 ms'],
    rows.map((r) => [r.key, r.requests, Math.round(r.p50LatencyMs), Math.round(r.p95LatencyMs)]),
  )}`;
}

export function formatAnalyticsText(report: AnalyticsReport): string {
  const c = report.completions;
  const g = report.generate;
  const lines = [
    `analytics ${report.period.from} → ${report.period.to}`,
    `completions  shown ${c.shown}, accepted ${c.accepted}, dismissed ${c.dismissed}: acceptance ${pct(c.rate)}; cost per accepted ${usd(c.costPerAcceptedUsd)} (feedback from ${c.source})`,
    `generate     ${g.runs} runs: first-try pass ${pct(g.firstTryPassRate)}, after repair ${pct(g.afterRepairPassRate)} (${g.repaired} repaired); hallucination proxy ${pct(g.hallucinationRate)}`,
  ];
  const gates =
    report.gates.length === 0
      ? ''
      : `\n${renderTable(
          ['gate', 'runs', 'passed', 'failed', 'skipped', 'pass rate'],
          report.gates.map((r) => [r.gate, r.runs, r.passed, r.failed, r.skipped, pct(r.passRate)]),
        )}`;
  return (
    `${lines.join('\n')}\n` +
    gates +
    latencyTable('model', report.latency.byModel) +
    latencyTable('task', report.latency.byTask)
  );
}
