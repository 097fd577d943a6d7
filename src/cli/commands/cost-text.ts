/** The text form of a cost report: totals, small tables, the break-even verdict. */
import { renderTable } from '../table.js';
import type { CostReport, SpendRow } from '../../analytics/cost-report.js';

const money = (usd: number): string =>
  usd >= 0.01 || usd === 0 ? `$${usd.toFixed(2)}` : `$${usd.toFixed(6)}`;
const count = (n: number): string => Math.round(n).toLocaleString('en-US');

function spendTable(title: string, rows: (SpendRow & { name: string })[]): string {
  if (rows.length === 0) return '';
  const body = rows.map((r) => [
    r.name,
    count(r.requests),
    count(r.inputTokens),
    count(r.outputTokens),
    money(r.costUsd),
  ]);
  return `\n${renderTable([title, 'requests', 'in tok', 'out tok', 'cost'], body)}`;
}

function breakEvenText(report: CostReport): string {
  const b = report.breakEven;
  const lines = ['\nbreak-even (API vs self-hosted)'];
  lines.push(
    `  self-hosted per month   ${b.selfHostedMonthlyUsd === null ? '-' : money(b.selfHostedMonthlyUsd)}`,
  );
  lines.push(
    `  API cost per request    ${b.apiCostPerRequestUsd === null ? '-' : money(b.apiCostPerRequestUsd)}`,
  );
  lines.push(
    `  break-even              ${b.breakEvenRequestsPerDay === null ? '-' : `${count(b.breakEvenRequestsPerDay)} requests/day`}`,
  );
  lines.push(`  current                 ${b.currentRequestsPerDay.toFixed(2)} requests/day`);
  lines.push(`  cheaper                 ${b.cheaper ?? '-'}`);
  if (b.note) lines.push(`  note: ${b.note}`);
  return `${lines.join('\n')}\n`;
}

export function formatCostText(report: CostReport): string {
  const head =
    `cost ${report.period.from.slice(0, 10)} → ${report.period.to.slice(0, 10)} (${report.period.days} days): ` +
    `${count(report.requests)} requests, ${money(report.costUsd)}\n`;
  const models = report.byModel.map((r) => ({ ...r, name: `${r.model} (${r.hosting})` }));
  const templates =
    report.byTemplate.length === 0
      ? ''
      : `\n${renderTable(
          ['template', 'runs', 'cost'],
          report.byTemplate.map((t) => [t.template, count(t.runs), money(t.costUsd)]),
        )}`;
  return (
    head +
    spendTable('model', models) +
    spendTable(
      'task',
      report.byTask.map((r) => ({ ...r, name: r.task })),
    ) +
    spendTable(
      'key',
      report.byKey.map((r) => ({ ...r, name: r.key })),
    ) +
    spendTable(
      'team',
      report.byTeam.map((r) => ({ ...r, name: r.team })),
    ) +
    templates +
    breakEvenText(report)
  );
}
