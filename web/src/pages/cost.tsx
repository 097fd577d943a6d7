import { useState } from 'preact/hooks';
import { SortableTable, type Column } from '../components/sortable-table';
import { countColumn, tokensColumn, usdColumn } from '../components/columns';
import { Guard, Stat } from '../components/states';
import { formatCount, formatUsd } from '../format';
import type { RangeId } from '../ranges';
import { useApi } from '../use-api';

interface SpendRow {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

interface CostReport {
  period: { from: string; to: string; days: number };
  requests: number;
  costUsd: number;
  byModel: (SpendRow & { model: string; hosting: string })[];
  byTask: (SpendRow & { task: string })[];
  byKey: (SpendRow & { key: string })[];
  byTeam: (SpendRow & { team: string })[];
  byTemplate: { template: string; runs: number; costUsd: number }[];
  breakEven: {
    selfHostedMonthlyUsd: number | null;
    apiCostPerRequestUsd: number | null;
    breakEvenRequestsPerDay: number | null;
    currentRequestsPerDay: number;
    cheaper: 'api' | 'self-hosted' | null;
    note?: string;
  };
}

type Named = SpendRow & { name: string };
type TemplateRow = CostReport['byTemplate'][number];

const views = [
  { id: 'byModel', label: 'Model', name: (r: Record<string, unknown>) => String(r.model) },
  { id: 'byKey', label: 'Key', name: (r: Record<string, unknown>) => String(r.key) },
  { id: 'byTeam', label: 'Team', name: (r: Record<string, unknown>) => String(r.team) },
  { id: 'byTask', label: 'Task', name: (r: Record<string, unknown>) => String(r.task) },
] as const;

function spendColumns(label: string): Column<Named>[] {
  return [
    { key: 'name', label, value: (r) => r.name },
    countColumn('requests', 'Requests', (r) => r.requests),
    tokensColumn(),
    usdColumn('cost', 'Spend', (r) => r.costUsd),
  ];
}

function BreakEven({ report }: { report: CostReport }) {
  const b = report.breakEven;
  return (
    <div class="stats" data-testid="break-even">
      <Stat label="Spend in range" value={formatUsd(report.costUsd)} />
      <Stat
        label="API cost per request"
        value={b.apiCostPerRequestUsd === null ? '—' : formatUsd(b.apiCostPerRequestUsd)}
      />
      <Stat
        label="Self-hosted per month"
        value={b.selfHostedMonthlyUsd === null ? '—' : formatUsd(b.selfHostedMonthlyUsd)}
      />
      <Stat
        label="Break-even requests/day"
        value={b.breakEvenRequestsPerDay === null ? '—' : formatCount(b.breakEvenRequestsPerDay)}
      />
      <Stat label="Current requests/day" value={formatCount(Math.round(b.currentRequestsPerDay))} />
      <Stat label="Cheaper" value={b.cheaper ?? 'undecided'} />
    </div>
  );
}

/** Spend by model, key, team and task, and the API vs self-hosted break-even. */
export function CostPage({ range }: { range: RangeId }) {
  const [view, setView] = useState<(typeof views)[number]['id']>('byModel');
  const [monthly, setMonthly] = useState('');
  const whatIf = /^\d+(\.\d+)?$/.test(monthly) ? `&selfHostedMonthly=${monthly}` : '';
  const loaded = useApi<CostReport>(`/api/cost?since=${range}${whatIf}`);
  const current = views.find((v) => v.id === view) ?? views[0];
  return (
    <section aria-labelledby="cost-title">
      <h2 id="cost-title">Cost and break-even</h2>
      <div class="toolbar">
        <label for="self-hosted-monthly">What if self-hosting cost (USD a month)</label>
        <input
          id="self-hosted-monthly"
          inputMode="decimal"
          placeholder="from costPerHour"
          value={monthly}
          onChange={(e) => setMonthly((e.target as HTMLInputElement).value.trim())}
        />
      </div>
      <Guard loaded={loaded} what="the cost report">
        {(report) => (
          <>
            <BreakEven report={report} />
            {report.breakEven.note ? <p class="note">{report.breakEven.note}</p> : null}
            <div class="toolbar">
              <label for="cost-by">Spend by</label>
              <select
                id="cost-by"
                value={view}
                onChange={(e) => setView((e.target as HTMLSelectElement).value as typeof view)}
              >
                {views.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.label}
                  </option>
                ))}
              </select>
            </div>
            <SortableTable
              caption={`Spend by ${current.label.toLowerCase()}`}
              rows={(report[current.id] as unknown as Record<string, unknown>[]).map((r) => ({
                ...(r as unknown as SpendRow),
                name: current.name(r),
              }))}
              rowKey={(r) => r.name}
              columns={spendColumns(current.label)}
            />
            <SortableTable
              caption="Generation spend by prompt template"
              rows={report.byTemplate}
              rowKey={(r) => r.template}
              empty="No generation runs in this range."
              columns={[
                { key: 'template', label: 'Template', value: (r) => r.template },
                countColumn<TemplateRow>('runs', 'Runs', (r) => r.runs),
                usdColumn<TemplateRow>('cost', 'Spend', (r) => r.costUsd),
              ]}
            />
          </>
        )}
      </Guard>
    </section>
  );
}
