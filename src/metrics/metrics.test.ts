import { Readable } from 'node:stream';
import {
  getMetricsFromStream,
  type PromData,
  type PromHistogramData,
  type PromMetrics,
} from 'prom2javascript';
import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { gatewayFixture } from '../gateway/test-support/gateway-fixture.js';
import type { MetricsSources } from './collected.js';
import { createMetrics, type Metrics } from './metrics.js';
import { OVERFLOW_LABEL } from './series-cache.js';
import type { MetricsPort } from '../server/ports.js';

/** Scrapes and parses with a real Prometheus text-format parser (prom2javascript). */
async function scrape(metrics: Metrics): Promise<PromMetrics> {
  return getMetricsFromStream(Readable.from([await metrics.text()]));
}

function series(families: PromMetrics, name: string, labels: Record<string, string>) {
  const family = families[name];
  expect(family, `metric ${name}`).toBeDefined();
  const found = (family?.data ?? []).find((d) =>
    Object.entries(labels).every(([k, v]) => d.labels[k] === v),
  );
  expect(found, `${name}${JSON.stringify(labels)}`).toBeDefined();
  return found;
}

function value(families: PromMetrics, name: string, labels: Record<string, string> = {}): number {
  return (series(families, name, labels) as PromData).value;
}

function histogram(families: PromMetrics, name: string, labels: Record<string, string>) {
  return series(families, name, labels) as PromHistogramData;
}

function seriesCount(families: PromMetrics, name: string): number {
  return families[name]?.data.length ?? 0;
}

describe('metrics', () => {
  it('exposes request and sub-millisecond overhead histograms', async () => {
    const metrics = createMetrics();
    const route = '/v1/chat/completions';
    metrics.observeRequest({
      route,
      method: 'POST',
      status: 200,
      durationMs: 120,
      overheadMs: 0.3,
    });
    metrics.observeRequest({
      route,
      method: 'POST',
      status: 200,
      durationMs: 30,
      overheadMs: 0.08,
    });
    metrics.observeRequest({ route: '/healthz', method: 'GET', status: 503, durationMs: 0.4 });
    const f = await scrape(metrics);
    expect(f.shipgate_http_request_duration_seconds?.type).toBe('histogram');
    const ok = histogram(f, 'shipgate_http_request_duration_seconds', {
      route,
      method: 'POST',
      status: '200',
    });
    expect(ok.count).toBe(2);
    expect(ok.sum).toBeCloseTo(0.15);
    expect(ok.buckets).toMatchObject({ '0.025': 0, '0.05': 1, '0.1': 1, '0.25': 2, '+Inf': 2 });
    const overhead = histogram(f, 'shipgate_gateway_overhead_seconds', { route });
    expect(overhead.buckets).toMatchObject({
      '0.00005': 0,
      '0.0001': 1,
      '0.00025': 1,
      '0.0005': 2,
    });
    const health = histogram(f, 'shipgate_http_request_duration_seconds', {
      route: '/healthz',
      method: 'GET',
      status: '503',
    });
    expect(health.buckets).toMatchObject({ '0.0005': 1 });
    expect(seriesCount(f, 'shipgate_gateway_overhead_seconds')).toBe(1);
    expect(metrics.contentType).toContain('text/plain');
  });

  it('counts upstream latency, tokens, cost, cache, errors and fallbacks', async () => {
    const metrics = createMetrics();
    metrics.observeUpstream({
      model: 'gpt',
      task: 'chat',
      provider: 'openai',
      durationMs: 800,
      ttftMs: 150,
    });
    metrics.observeUpstream({
      model: 'gpt',
      task: 'chat',
      provider: 'openai',
      durationMs: 1200,
      ttftMs: null,
    });
    metrics.countTokens({ model: 'gpt', task: 'chat', input: 100, output: 20, costMicros: 340 });
    metrics.countTokens({ model: 'gpt', task: 'chat', input: 5, output: 0, costMicros: 10 });
    metrics.countCache(true);
    metrics.countCache(false);
    metrics.countCache(false);
    metrics.countError('rate_limited');
    metrics.countFallback('claude');
    const f = await scrape(metrics);
    const labels = { model: 'gpt', task: 'chat', provider: 'openai' };
    expect(histogram(f, 'shipgate_upstream_duration_seconds', labels)).toMatchObject({
      count: 2,
      sum: 2,
    });
    expect(histogram(f, 'shipgate_upstream_ttft_seconds', labels)).toMatchObject({
      count: 1,
      sum: 0.15,
    });
    expect(
      value(f, 'shipgate_tokens_total', { model: 'gpt', task: 'chat', direction: 'input' }),
    ).toBe(105);
    expect(
      value(f, 'shipgate_tokens_total', { model: 'gpt', task: 'chat', direction: 'output' }),
    ).toBe(20);
    expect(value(f, 'shipgate_cost_microdollars_total', { model: 'gpt', task: 'chat' })).toBe(350);
    expect(f.shipgate_cost_microdollars_total?.type).toBe('counter');
    expect(value(f, 'shipgate_cache_requests_total', { result: 'hit' })).toBe(1);
    expect(value(f, 'shipgate_cache_requests_total', { result: 'miss' })).toBe(2);
    expect(value(f, 'shipgate_errors_total', { code: 'rate_limited' })).toBe(1);
    expect(value(f, 'shipgate_fallbacks_total', { model: 'claude' })).toBe(1);
  });

  it('reads breaker states, meter, budget and audit stats at scrape time', async () => {
    let breakers: ReturnType<NonNullable<MetricsSources['gateway']>['breakers']['snapshot']> = {
      'openai/gpt-4o': 'open',
      'local/llama': 'half-open',
    };
    const meter = { queued: 3, written: 40, dropped: 7, writeFailures: 1 };
    const metrics = createMetrics({
      gateway: { breakers: { snapshot: () => breakers }, meter: { stats: () => meter } },
      auth: {
        stats: () => ({ softBudgetCrossings: 2, budgetRejections: 5, rateLimitRejections: 9 }),
      },
      audit: { stats: () => ({ queued: 1, dropped: 4, writeFailures: 0 }) },
    });
    let f = await scrape(metrics);
    expect(value(f, 'shipgate_breaker_state', { target: 'openai/gpt-4o' })).toBe(2);
    expect(value(f, 'shipgate_breaker_state', { target: 'local/llama' })).toBe(1);
    expect(value(f, 'shipgate_meter_dropped_records_total')).toBe(7);
    expect(f.shipgate_meter_dropped_records_total?.type).toBe('counter');
    expect(value(f, 'shipgate_meter_queued_records')).toBe(3);
    expect(value(f, 'shipgate_budget_soft_limit_crossings_total')).toBe(2);
    expect(value(f, 'shipgate_budget_rejections_total')).toBe(5);
    expect(value(f, 'shipgate_rate_limit_rejections_total')).toBe(9);
    expect(value(f, 'shipgate_audit_dropped_entries_total')).toBe(4);

    breakers = { 'openai/gpt-4o': 'closed' };
    meter.dropped = 8;
    f = await scrape(metrics);
    expect(f.shipgate_breaker_state?.data).toEqual([
      { labels: { target: 'openai/gpt-4o' }, value: 0 },
    ]);
    expect(value(f, 'shipgate_meter_dropped_records_total')).toBe(8);
  });

  it('works with a real Gateway', async () => {
    const { gateway } = gatewayFixture();
    const f = await scrape(createMetrics({ gateway }));
    expect(value(f, 'shipgate_meter_dropped_records_total')).toBe(0);
    expect(seriesCount(f, 'shipgate_breaker_state')).toBe(0);
  });

  it('has its own registry per instance, never the global one', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.countError('internal');
    expect(value(await scrape(a), 'shipgate_errors_total', { code: 'internal' })).toBe(1);
    expect(seriesCount(await scrape(b), 'shipgate_errors_total')).toBe(0);
    expect(await globalRegistry.metrics()).not.toContain('shipgate_');
  });

  it('caps label combinations per metric; extra ones share an _other series', async () => {
    const metrics = createMetrics({ maxSeries: 2 });
    for (const model of ['a', 'b', 'c', 'd']) metrics.countFallback(model);
    metrics.countFallback('a');
    const f = await scrape(metrics);
    expect(value(f, 'shipgate_fallbacks_total', { model: 'a' })).toBe(2);
    expect(value(f, 'shipgate_fallbacks_total', { model: OVERFLOW_LABEL })).toBe(2);
    expect(seriesCount(f, 'shipgate_fallbacks_total')).toBe(3);
  });

  it('exports process metrics only when asked', async () => {
    // Read as text: prom-client prints an idle event-loop mean as "Nan", which this parser rejects.
    expect(await createMetrics().text()).not.toContain('process_cpu_user_seconds_total');
    expect(await createMetrics({ processMetrics: true }).text()).toContain(
      '# TYPE process_cpu_user_seconds_total counter',
    );
  });
});

it("implements the server's MetricsPort", async () => {
  const port: MetricsPort = createMetrics();
  expect(await port.registry.metrics()).toContain('shipgate_errors_total');
});
