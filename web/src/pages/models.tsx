import { SortableTable } from '../components/sortable-table';
import { Guard } from '../components/states';
import { formatCount, formatMs } from '../format';
import { useApi } from '../use-api';

interface ModelRow {
  alias: string;
  provider: string;
  providerKind: string | null;
  modelId: string;
  contextWindow: number;
  capabilities: string[];
  price: { input: number; output: number } | null;
  breaker: 'closed' | 'open' | 'half-open';
  lastHour: { calls: number; failures: number; p95LatencyMs: number };
}

/** Models and providers: breaker state and the last hour's health. */
export function ModelsPage() {
  const loaded = useApi<{ models: ModelRow[] }>('/api/models');
  return (
    <section aria-labelledby="models-title">
      <h2 id="models-title">Models and providers</h2>
      <Guard loaded={loaded} what="models">
        {({ models }) => (
          <SortableTable
            caption="Configured models (health over the last hour)"
            rows={models}
            rowKey={(m) => m.alias}
            empty="No models configured."
            columns={[
              { key: 'alias', label: 'Model', value: (m) => m.alias },
              {
                key: 'provider',
                label: 'Provider',
                value: (m) => `${m.provider}${m.providerKind ? ` (${m.providerKind})` : ''}`,
              },
              { key: 'id', label: 'Upstream id', value: (m) => m.modelId },
              {
                key: 'breaker',
                label: 'Breaker',
                value: (m) => m.breaker,
                render: (m) => <span class={`badge badge-${m.breaker}`}>{m.breaker}</span>,
              },
              {
                key: 'calls',
                label: 'Calls (1 h)',
                numeric: true,
                value: (m) => m.lastHour.calls,
                render: (m) => formatCount(m.lastHour.calls),
              },
              {
                key: 'failures',
                label: 'Failures (1 h)',
                numeric: true,
                value: (m) => m.lastHour.failures,
              },
              {
                key: 'p95',
                label: 'p95 (1 h)',
                numeric: true,
                value: (m) => m.lastHour.p95LatencyMs,
                render: (m) => formatMs(m.lastHour.p95LatencyMs),
              },
              {
                key: 'price',
                label: 'USD / 1M in·out',
                value: (m) => m.price?.input ?? null,
                render: (m) => (m.price ? `${m.price.input} · ${m.price.output}` : 'self-hosted'),
              },
            ]}
          />
        )}
      </Guard>
    </section>
  );
}
