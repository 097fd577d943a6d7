import { useMemo } from 'preact/hooks';
import { bucketTimes } from '../buckets';
import { Chart } from '../components/chart';
import { Guard, Stat } from '../components/states';
import { formatCount, formatMicros, formatMs, formatPercent } from '../format';
import { bucketOf, type RangeId } from '../ranges';
import { useApi } from '../use-api';

export interface SeriesPoint {
  t: number;
  calls: number;
  failures: number;
  costMicros: number;
  cacheHits: number;
  inputTokens: number;
  outputTokens: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
}

export interface SeriesAnswer {
  since: string;
  until: string;
  bucketMs: number;
  points: SeriesPoint[];
  totals: Omit<SeriesPoint, 't'>;
}

/** Requests, spend, latency, cache hit rate and errors over the chosen range. */
export function OverviewPage({ range }: { range: RangeId }) {
  const loaded = useApi<SeriesAnswer>(`/api/usage/series?since=${range}&bucket=${bucketOf(range)}`);
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">Overview</h2>
      <Guard loaded={loaded} what="usage">
        {(answer) => <OverviewBody answer={answer} />}
      </Guard>
    </section>
  );
}

function OverviewBody({ answer }: { answer: SeriesAnswer }) {
  const { totals } = answer;
  const charts = useMemo(() => {
    const filled = fillBuckets(answer);
    const times = filled.map((f) => f.t);
    const pick = (f: (p: SeriesPoint) => number | null) =>
      filled.map(({ point }) => (point ? f(point) : null));
    const count = (f: (p: SeriesPoint) => number) =>
      filled.map(({ point }) => (point ? f(point) : 0));
    return {
      times,
      traffic: [
        { label: 'requests', values: count((p) => p.calls), color: '#3b82f6' },
        { label: 'errors', values: count((p) => p.failures), color: '#ef4444' },
      ],
      spend: [{ label: 'spend', values: count((p) => p.costMicros / 1e6), color: '#10b981' }],
      latency: [
        { label: 'p50', values: pick((p) => p.p50LatencyMs), color: '#8b5cf6' },
        { label: 'p95', values: pick((p) => p.p95LatencyMs), color: '#f59e0b' },
      ],
      cache: [
        {
          label: 'cache hit rate',
          values: pick((p) => (p.calls ? (100 * p.cacheHits) / p.calls : null)),
          color: '#06b6d4',
        },
      ],
    };
  }, [answer]);
  return (
    <>
      <div class="stats" data-testid="overview-stats">
        <Stat label="Requests" value={formatCount(totals.calls)} />
        <Stat label="Spend" value={formatMicros(totals.costMicros)} />
        <Stat label="p50 latency" value={formatMs(totals.p50LatencyMs)} />
        <Stat label="p95 latency" value={formatMs(totals.p95LatencyMs)} />
        <Stat
          label="Cache hit rate"
          value={formatPercent(totals.calls ? totals.cacheHits / totals.calls : null)}
        />
        <Stat label="Errors" value={formatCount(totals.failures)} />
      </div>
      <div class="charts">
        <Chart title="Requests and errors" times={charts.times} series={charts.traffic} />
        <Chart
          title="Spend (USD)"
          times={charts.times}
          series={charts.spend}
          format={(v) => `$${v.toFixed(4)}`}
        />
        <Chart
          title="Latency (ms)"
          times={charts.times}
          series={charts.latency}
          format={(v) => `${Math.round(v)}`}
        />
        <Chart
          title="Cache hit rate (%)"
          times={charts.times}
          series={charts.cache}
          format={(v) => `${v.toFixed(0)}%`}
        />
      </div>
    </>
  );
}

/** Every bucket of the range, empty ones included, so the time axis spans the whole range. */
export function fillBuckets(answer: SeriesAnswer): { t: number; point: SeriesPoint | null }[] {
  const byTime = new Map(answer.points.map((p) => [p.t, p]));
  return bucketTimes(answer.since, answer.until, answer.bucketMs).map((t) => ({
    t,
    point: byTime.get(t) ?? null,
  }));
}
