/**
 * Prometheus metrics for one server: a fresh prom-client Registry per
 * `createMetrics` (no global default registry). Hot-path methods bind label
 * sets once and then cost a Map lookup plus an observe/inc. See docs/auth.md.
 */
import { Registry, collectDefaultMetrics } from 'prom-client';
import { createInstruments } from './instruments.js';
import { registerCollected, type MetricsSources } from './collected.js';
import { seriesCache } from './series-cache.js';

export interface MetricsOptions extends MetricsSources {
  /** Also export Node process metrics (CPU, memory, event loop). Default false. */
  processMetrics?: boolean;
  /** Label combinations kept per metric before new ones share `_other`. Default 1000. */
  maxSeries?: number;
}

export interface RequestObservation {
  /** The route pattern (`/v1/chat/completions`, `/api/jobs/:id`), never the raw URL. */
  route: string;
  method: string;
  status: number;
  durationMs: number;
  /** Time spent in shipgate itself (not upstream); omitted when not measured. */
  overheadMs?: number;
}

export interface UpstreamObservation {
  model: string;
  task: string;
  provider: string;
  durationMs: number;
  ttftMs?: number | null;
}

export interface TokenCount {
  model: string;
  task: string;
  input: number;
  output: number;
  costMicros: number;
}

export interface Metrics {
  readonly registry: Registry;
  /** `text/plain; version=0.0.4; charset=utf-8` */
  readonly contentType: string;
  /** The exposition text for `GET /metrics`. */
  text(): Promise<string>;
  observeRequest(observation: RequestObservation): void;
  observeUpstream(observation: UpstreamObservation): void;
  countTokens(count: TokenCount): void;
  countCache(hit: boolean): void;
  countError(code: string): void;
  countFallback(model: string): void;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const max = options.maxSeries ?? 1000;
  const { request, overhead, upstream, ttft, tokens, cost, cache, errors, fallbacks } =
    createInstruments(registry);

  const requests = seriesCache((...v) => request.labels(...v), max);
  const overheads = seriesCache((...v) => overhead.labels(...v), max);
  const upstreams = seriesCache(
    (...v) => ({ duration: upstream.labels(...v), ttft: ttft.labels(...v) }),
    max,
  );
  const tokenSeries = seriesCache(
    (model = '', task = '') => ({
      input: tokens.labels(model, task, 'input'),
      output: tokens.labels(model, task, 'output'),
      cost: cost.labels(model, task),
    }),
    max,
  );
  const cacheHit = cache.labels('hit');
  const cacheMiss = cache.labels('miss');
  const errorSeries = seriesCache((...v) => errors.labels(...v), max);
  const fallbackSeries = seriesCache((...v) => fallbacks.labels(...v), max);

  registerCollected(registry, options);
  if (options.processMetrics === true) collectDefaultMetrics({ register: registry });

  return {
    registry,
    contentType: registry.contentType,
    text: () => registry.metrics(),
    observeRequest({ route, method, status, durationMs, overheadMs }) {
      requests.get(route, method, String(status)).observe(durationMs / 1000);
      if (overheadMs !== undefined) overheads.get(route).observe(overheadMs / 1000);
    },
    observeUpstream({ model, task, provider, durationMs, ttftMs }) {
      const series = upstreams.get(model, task, provider);
      series.duration.observe(durationMs / 1000);
      if (ttftMs !== undefined && ttftMs !== null) series.ttft.observe(ttftMs / 1000);
    },
    countTokens({ model, task, input, output, costMicros }) {
      const series = tokenSeries.get(model, task);
      if (input > 0) series.input.inc(input);
      if (output > 0) series.output.inc(output);
      if (costMicros > 0) series.cost.inc(costMicros);
    },
    countCache: (hit) => (hit ? cacheHit : cacheMiss).inc(),
    countError: (code) => errorSeries.get(code).inc(),
    countFallback: (model) => fallbackSeries.get(model).inc(),
  };
}
