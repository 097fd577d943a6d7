/**
 * Hot-path histograms and counters that a prom-client Registry exposes like its own.
 * prom-client converts, validates and hashes the label set on every observe, even on a
 * bound child; here a series is bound once (series-cache.ts keeps the binding) and an
 * observation is a bucket search and two additions. The exposition is prom-client's:
 * the registry formats what `getForPromString` returns (lean-metric.test.ts compares
 * the text with prom-client's own instruments).
 */
import type { Registry } from 'prom-client';

type Labels = Record<string, string>;

interface ValuePair {
  value: number;
  labels: Record<string, string | number>;
  sharedLabels?: Labels;
  metricName?: string;
  exemplar?: null;
}

interface MetricData {
  name: string;
  help: string;
  type: 'histogram' | 'counter';
  values: ValuePair[];
  aggregator: 'sum';
}

function labelsOf(names: readonly string[], values: readonly string[]): Labels {
  const labels: Labels = {};
  names.forEach((name, i) => (labels[name] = values[i] ?? ''));
  return labels;
}

abstract class LeanMetric<S extends { labels: Labels }> {
  readonly aggregator = 'sum';
  readonly #series = new Map<string, S>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    registry: Registry,
  ) {
    registry.registerMetric(this as never);
  }

  /** The series for these label values, in `labelNames` order; bind once, reuse. */
  labels(...values: string[]): S {
    const key = values.join('\u0000');
    let series = this.#series.get(key);
    if (!series) {
      series = this.create(labelsOf(this.labelNames, values));
      this.#series.set(key, series);
    }
    return series;
  }

  protected abstract create(labels: Labels): S;
  protected abstract pairs(series: S): ValuePair[];
  abstract get type(): MetricData['type'];

  /** What the registry formats for `GET /metrics`. */
  getForPromString(): MetricData {
    const values = [...this.#series.values()].flatMap((series) => this.pairs(series));
    return { name: this.name, help: this.help, type: this.type, values, aggregator: 'sum' };
  }

  /** The JSON form (`getMetricsAsJSON`): each value's labels in one object. */
  get(): MetricData {
    const data = this.getForPromString();
    data.values = data.values.map(({ sharedLabels, ...pair }) => ({
      ...pair,
      // eslint-disable-next-line no-restricted-syntax -- replaces the pair's own labels (per scrape)
      labels: Object.assign({}, pair.labels, sharedLabels),
    }));
    return data;
  }

  reset(): void {
    this.#series.clear();
  }
}

export class HistogramSeries {
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Labels,
    private readonly bounds: readonly number[],
  ) {
    this.counts = bounds.map(() => 0);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    const { bounds } = this;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= (bounds[i] as number)) {
        this.counts[i] = (this.counts[i] as number) + 1;
        break;
      }
    }
    this.sum += value;
    this.count += 1;
  }
}

export class LeanHistogram extends LeanMetric<HistogramSeries> {
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    super(name, help, labelNames, registry);
  }

  get type(): 'histogram' {
    return 'histogram';
  }

  protected create(labels: Labels): HistogramSeries {
    return new HistogramSeries(labels, this.buckets);
  }

  protected pairs(series: HistogramSeries): ValuePair[] {
    const bucket = `${this.name}_bucket`;
    const shared = series.labels;
    let cumulative = 0;
    const pairs: ValuePair[] = this.buckets.map((le, i) => {
      cumulative += series.counts[i] as number;
      return {
        labels: { le },
        sharedLabels: shared,
        value: cumulative,
        metricName: bucket,
        exemplar: null,
      };
    });
    pairs.push(
      {
        labels: { le: '+Inf' },
        sharedLabels: shared,
        value: series.count,
        metricName: bucket,
        exemplar: null,
      },
      { labels: {}, sharedLabels: shared, value: series.sum, metricName: `${this.name}_sum` },
      { labels: {}, sharedLabels: shared, value: series.count, metricName: `${this.name}_count` },
    );
    return pairs;
  }
}

export class CounterSeries {
  value = 0;

  constructor(readonly labels: Labels) {}

  inc(by = 1): void {
    if (Number.isFinite(by) && by >= 0) this.value += by;
  }
}

export class LeanCounter extends LeanMetric<CounterSeries> {
  get type(): 'counter' {
    return 'counter';
  }

  protected create(labels: Labels): CounterSeries {
    return new CounterSeries(labels);
  }

  protected pairs(series: CounterSeries): ValuePair[] {
    return [{ labels: series.labels, value: series.value }];
  }
}
