import { useMemo } from 'preact/hooks';
import { SortableTable } from '../components/sortable-table';
import { bucketTimes, palette } from '../buckets';
import { Chart } from '../components/chart';
import { latencyColumns } from '../components/columns';
import { Guard, Stat } from '../components/states';
import { formatCount, formatPercent, formatUsd } from '../format';
import { bucketOf, type RangeId } from '../ranges';
import { useApi } from '../use-api';

interface GateRate {
  gate: string;
  runs: number;
  passed: number;
  failed: number;
  skipped: number;
  passRate: number | null;
}

interface LatencyRow {
  key: string;
  requests: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
}

interface Analytics {
  completions: {
    shown: number;
    accepted: number;
    dismissed: number;
    rate: number | null;
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

function LatencyTable({ caption, rows }: { caption: string; rows: LatencyRow[] }) {
  return (
    <SortableTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { key: 'key', label: 'Name', value: (r) => r.key },
        { key: 'requests', label: 'Requests', numeric: true, value: (r) => r.requests },
        ...latencyColumns<LatencyRow>(),
      ]}
    />
  );
}

interface GateSeries {
  since: string;
  until: string;
  bucketMs: number;
  points: { t: number; gate: string; runs: number; passed: number; failed: number }[];
}

/** Pass rate (passed ÷ decided) per gate and bucket; null where the gate decided nothing. */
function GatesOverTime({ range }: { range: RangeId }) {
  const loaded = useApi<GateSeries>(`/api/gates/series?since=${range}&bucket=${bucketOf(range)}`);
  const chart = useMemo(() => {
    const answer = loaded.data;
    if (!answer) return null;
    const times = bucketTimes(answer.since, answer.until, answer.bucketMs);
    const gates = [...new Set(answer.points.map((p) => p.gate))].sort();
    const series = gates.map((gate, i) => {
      const byTime = new Map(answer.points.filter((p) => p.gate === gate).map((p) => [p.t, p]));
      const values = times.map((t) => {
        const p = byTime.get(t);
        const decided = p ? p.passed + p.failed : 0;
        return p && decided > 0 ? (100 * p.passed) / decided : null;
      });
      return { label: gate, values, color: palette[i % palette.length] ?? '#3b82f6' };
    });
    return { times, series };
  }, [loaded.data]);
  return (
    <Guard loaded={loaded} what="gate history">
      {() =>
        chart && chart.series.length > 0 ? (
          <Chart
            title="Gate pass rate over time (%)"
            times={chart.times}
            series={chart.series}
            format={(v) => `${v.toFixed(0)}%`}
          />
        ) : (
          <p class="note">No gate ran in this range.</p>
        )
      }
    </Guard>
  );
}

/** Is AI code landing? Gate pass rates, generate's repairs, completion acceptance, latency. */
export function QualityPage({ range }: { range: RangeId }) {
  const loaded = useApi<Analytics>(`/api/analytics?since=${range}`);
  return (
    <section aria-labelledby="quality-title">
      <h2 id="quality-title">Quality</h2>
      <Guard loaded={loaded} what="analytics">
        {(a) => (
          <>
            <h3>Completions and generation</h3>
            <div class="stats" data-testid="quality-stats">
              <Stat label="Completions shown" value={formatCount(a.completions.shown)} />
              <Stat label="Acceptance rate" value={formatPercent(a.completions.rate)} />
              <Stat
                label="Cost per accepted"
                value={
                  a.completions.costPerAcceptedUsd === null
                    ? '—'
                    : formatUsd(a.completions.costPerAcceptedUsd)
                }
              />
              <Stat label="Generate runs" value={formatCount(a.generate.runs)} />
              <Stat label="First-try pass" value={formatPercent(a.generate.firstTryPassRate)} />
              <Stat
                label="Pass after repair"
                value={formatPercent(a.generate.afterRepairPassRate)}
              />
              <Stat
                label="Hallucination proxy"
                value={formatPercent(a.generate.hallucinationRate)}
              />
            </div>
            <h3>Gates</h3>
            <GatesOverTime range={range} />
            <SortableTable
              caption="Pass rate per gate"
              rows={a.gates}
              rowKey={(g) => g.gate}
              columns={[
                { key: 'gate', label: 'Gate', value: (g) => g.gate },
                { key: 'runs', label: 'Runs', numeric: true, value: (g) => g.runs },
                { key: 'passed', label: 'Passed', numeric: true, value: (g) => g.passed },
                { key: 'failed', label: 'Failed', numeric: true, value: (g) => g.failed },
                {
                  key: 'rate',
                  label: 'Pass rate',
                  numeric: true,
                  value: (g) => g.passRate,
                  render: (g) => formatPercent(g.passRate),
                },
              ]}
            />
            <h3>Latency</h3>
            <LatencyTable caption="Latency by model" rows={a.latency.byModel} />
            <LatencyTable caption="Latency by task" rows={a.latency.byTask} />
          </>
        )}
      </Guard>
    </section>
  );
}
