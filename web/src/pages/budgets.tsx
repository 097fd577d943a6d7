import { SortableTable } from '../components/sortable-table';
import { Guard } from '../components/states';
import { formatTime, formatUsd } from '../format';
import { useApi } from '../use-api';

interface BudgetRow {
  name: string;
  role: string;
  period: 'day' | 'month';
  budgetUsd: number | null;
  spentUsd: number;
  remainingUsd: number | null;
  resetAt: string;
  rpm: number | null;
  tpm: number | null;
}

function Meter({ row }: { row: BudgetRow }) {
  if (row.budgetUsd === null) return <span>no budget</span>;
  const used = row.budgetUsd > 0 ? Math.min(1, row.spentUsd / row.budgetUsd) : 1;
  return (
    <meter
      min={0}
      max={1}
      low={0.8}
      high={0.95}
      optimum={0}
      value={used}
      aria-label={`${row.name}: ${Math.round(used * 100)}% of the budget spent`}
    />
  );
}

/** Each key's spend this period against its budget, and its rate limits. */
export function BudgetsPage() {
  const loaded = useApi<{ keys: BudgetRow[] }>('/api/budgets');
  return (
    <section aria-labelledby="budgets-title">
      <h2 id="budgets-title">Budgets</h2>
      <Guard loaded={loaded} what="budgets">
        {({ keys }) => (
          <SortableTable
            caption="Active keys: spend in the current period"
            rows={keys}
            rowKey={(k) => k.name}
            empty="No keys yet."
            columns={[
              { key: 'name', label: 'Key', value: (k) => k.name },
              { key: 'role', label: 'Role', value: (k) => k.role },
              { key: 'period', label: 'Period', value: (k) => k.period },
              {
                key: 'spent',
                label: 'Spent',
                numeric: true,
                value: (k) => k.spentUsd,
                render: (k) => formatUsd(k.spentUsd),
              },
              {
                key: 'budget',
                label: 'Budget',
                numeric: true,
                value: (k) => k.budgetUsd,
                render: (k) => (k.budgetUsd === null ? '—' : formatUsd(k.budgetUsd)),
              },
              {
                key: 'used',
                label: 'Used',
                value: (k) => (k.budgetUsd ? k.spentUsd / k.budgetUsd : null),
                render: (k) => <Meter row={k} />,
              },
              {
                key: 'reset',
                label: 'Resets',
                value: (k) => k.resetAt,
                render: (k) => formatTime(k.resetAt),
              },
              { key: 'rpm', label: 'RPM limit', numeric: true, value: (k) => k.rpm },
            ]}
          />
        )}
      </Guard>
    </section>
  );
}
