/**
 * Collect-time metrics: read from the gateway, auth and audit log when
 * Prometheus scrapes, so the hot path does no work for them.
 */
import { Counter, Gauge, type Registry } from 'prom-client';

export type BreakerStateName = 'closed' | 'open' | 'half-open';

export interface MetricsSources {
  gateway?: {
    breakers: { snapshot(): Record<string, BreakerStateName> };
    meter: { stats(): { queued: number; written: number; dropped: number; writeFailures: number } };
  };
  auth?: {
    stats(): { softBudgetCrossings: number; budgetRejections: number; rateLimitRejections: number };
  };
  audit?: { stats(): { queued: number; dropped: number; writeFailures: number } };
}

/** shipgate_breaker_state values: closed 0, half-open 1, open 2 (alert on `== 2`). */
export const breakerStateValue: Readonly<Record<BreakerStateName, number>> = {
  closed: 0,
  'half-open': 1,
  open: 2,
};

/** A counter whose value is read from `read()` at scrape time. */
function collectedCounter(
  registry: Registry,
  name: string,
  help: string,
  read: () => number,
): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

function collectedGauge(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

export function registerCollected(registry: Registry, sources: MetricsSources): void {
  const { gateway, auth, audit } = sources;
  if (gateway !== undefined) {
    new Gauge({
      name: 'shipgate_breaker_state',
      help: 'Circuit breaker state per upstream target: 0 closed, 1 half-open, 2 open.',
      labelNames: ['target'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [target, state] of Object.entries(gateway.breakers.snapshot())) {
          this.labels(target).set(breakerStateValue[state]);
        }
      },
    });
    const meter = () => gateway.meter.stats();
    collectedCounter(
      registry,
      'shipgate_meter_dropped_records_total',
      'Usage records dropped because the metering queue was full.',
      () => meter().dropped,
    );
    collectedCounter(
      registry,
      'shipgate_meter_written_records_total',
      'Usage records written to the store.',
      () => meter().written,
    );
    collectedCounter(
      registry,
      'shipgate_meter_write_failures_total',
      'Failed usage record writes (batches).',
      () => meter().writeFailures,
    );
    collectedGauge(
      registry,
      'shipgate_meter_queued_records',
      'Usage records waiting to be written.',
      () => meter().queued,
    );
  }
  if (auth !== undefined) {
    collectedCounter(
      registry,
      'shipgate_budget_soft_limit_crossings_total',
      'Times a key crossed its soft budget threshold (once per key and period).',
      () => auth.stats().softBudgetCrossings,
    );
    collectedCounter(
      registry,
      'shipgate_budget_rejections_total',
      'Requests refused because the key had spent its budget.',
      () => auth.stats().budgetRejections,
    );
    collectedCounter(
      registry,
      'shipgate_rate_limit_rejections_total',
      'Requests refused by a per-key rate limit.',
      () => auth.stats().rateLimitRejections,
    );
  }
  if (audit !== undefined) {
    collectedCounter(
      registry,
      'shipgate_audit_dropped_entries_total',
      'Audit entries dropped because the audit queue was full.',
      () => audit.stats().dropped,
    );
    collectedCounter(
      registry,
      'shipgate_audit_write_failures_total',
      'Failed audit log writes (batches).',
      () => audit.stats().writeFailures,
    );
    collectedGauge(
      registry,
      'shipgate_audit_queued_entries',
      'Audit entries waiting to be written.',
      () => audit.stats().queued,
    );
  }
}
