import { useState } from 'preact/hooks';
import { SortableTable } from '../components/sortable-table';
import { Guard } from '../components/states';
import { countColumn, latencyColumns, tokensColumn, usdColumn } from '../components/columns';
import { formatPercent } from '../format';
import type { RangeId } from '../ranges';
import { useApi } from '../use-api';

interface SummaryRow {
  key: string;
  calls: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
  cacheHits: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
}

const groups = [
  { id: 'model', label: 'Model' },
  { id: 'caller', label: 'Key' },
  { id: 'task', label: 'Task' },
  { id: 'provider', label: 'Provider' },
] as const;

/** Usage and spend grouped by model, key, task or provider. */
export function UsagePage({ range }: { range: RangeId }) {
  const [by, setBy] = useState<(typeof groups)[number]['id']>('model');
  const loaded = useApi<{ rows: SummaryRow[] }>(`/api/usage?since=${range}&by=${by}`);
  const label = groups.find((g) => g.id === by)?.label ?? by;
  return (
    <section aria-labelledby="usage-title">
      <h2 id="usage-title">Usage and spend</h2>
      <div class="toolbar">
        <label for="usage-by">Group by</label>
        <select
          id="usage-by"
          value={by}
          onChange={(e) => setBy((e.target as HTMLSelectElement).value as typeof by)}
        >
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </select>
      </div>
      <Guard loaded={loaded} what="usage">
        {({ rows }) => (
          <SortableTable
            caption={`Usage by ${label.toLowerCase()}`}
            rows={rows}
            rowKey={(r) => r.key}
            columns={[
              { key: 'key', label, value: (r) => r.key },
              countColumn<SummaryRow>('calls', 'Requests', (r) => r.calls),
              { key: 'failures', label: 'Errors', numeric: true, value: (r) => r.failures },
              tokensColumn<SummaryRow>(),
              usdColumn<SummaryRow>('cost', 'Spend', (r) => r.costMicros / 1e6),
              {
                key: 'hit',
                label: 'Cache hits',
                numeric: true,
                value: (r) => (r.calls ? r.cacheHits / r.calls : 0),
                render: (r) => formatPercent(r.calls ? r.cacheHits / r.calls : null),
              },
              ...latencyColumns<SummaryRow>(),
            ]}
          />
        )}
      </Guard>
    </section>
  );
}
