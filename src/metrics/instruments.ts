/** The hot-path instruments, registered on one registry (names and help: docs/auth.md). */
import type { Registry } from 'prom-client';
import { overheadBuckets, requestBuckets, upstreamBuckets } from './buckets.js';
import { LeanCounter, LeanHistogram } from './lean-metric.js';

export function createInstruments(registry: Registry) {
  const histogram = (name: string, help: string, labelNames: string[], buckets: number[]) =>
    new LeanHistogram(name, help, labelNames, buckets, registry);
  const counter = (name: string, help: string, labelNames: string[]) =>
    new LeanCounter(name, help, labelNames, registry);

  const request = histogram(
    'shipgate_http_request_duration_seconds',
    'HTTP request duration, by route pattern, method and status.',
    ['route', 'method', 'status'],
    requestBuckets,
  );
  const overhead = histogram(
    'shipgate_gateway_overhead_seconds',
    'Time spent in shipgate itself (not upstream), by route pattern.',
    ['route'],
    overheadBuckets,
  );
  const upstream = histogram(
    'shipgate_upstream_duration_seconds',
    'Upstream model call duration.',
    ['model', 'task', 'provider'],
    upstreamBuckets,
  );
  const ttft = histogram(
    'shipgate_upstream_ttft_seconds',
    'Upstream time to first token.',
    ['model', 'task', 'provider'],
    upstreamBuckets,
  );
  const tokens = counter(
    'shipgate_tokens_total',
    'Tokens by model, task and direction (input|output).',
    ['model', 'task', 'direction'],
  );
  const cost = counter(
    'shipgate_cost_microdollars_total',
    'Cost in micro-dollars by model and task.',
    ['model', 'task'],
  );
  const cache = counter(
    'shipgate_cache_requests_total',
    'Response cache lookups by result (hit|miss).',
    ['result'],
  );
  const errors = counter('shipgate_errors_total', 'Errors by ShipgateError code.', ['code']);
  const fallbacks = counter(
    'shipgate_fallbacks_total',
    'Calls answered by a fallback model, by that model.',
    ['model'],
  );

  return { request, overhead, upstream, ttft, tokens, cost, cache, errors, fallbacks };
}
