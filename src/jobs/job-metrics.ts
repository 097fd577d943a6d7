/**
 * Job metrics on a prom-client registry: queue depth and stalled jobs (read from
 * the store, and BullMQ when configured, at scrape time), job latency (created →
 * finished) and attempts per finished job, by kind and state.
 */
import { Gauge, Histogram, type Registry } from 'prom-client';
import type { Claim, Outcome } from './job-types.js';
import type { JobSystem } from './job-system.js';

export interface JobMetrics {
  /** Pass as `onFinished` to the runner. */
  observe(claim: Claim, outcome: Outcome | 'retry' | 'lost', finishedAt: number): void;
}

export function registerJobMetrics(registry: Registry, system?: JobSystem): JobMetrics {
  const registers = [registry];
  const latency = new Histogram({
    name: 'shipgate_job_duration_seconds',
    help: 'Job latency from submission to its final state, by kind and state.',
    labelNames: ['kind', 'state'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 180, 600, 1800],
    registers,
  });
  const attempts = new Histogram({
    name: 'shipgate_job_attempts',
    help: 'Attempts a job took to reach its final state, by kind and state.',
    labelNames: ['kind', 'state'],
    buckets: [1, 2, 3, 5, 10, 20],
    registers,
  });
  if (system) {
    new Gauge({
      name: 'shipgate_jobs',
      help: 'Jobs in the store by state (queued = queue depth); stalled = running with an expired lease.',
      labelNames: ['state'],
      registers,
      async collect() {
        const counts = await system.counts().catch(() => ({}) as Record<string, number>);
        for (const state of ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'stalled'])
          this.set({ state }, counts[state] ?? 0);
        if (counts.queueDepth !== undefined)
          this.set({ state: 'bullmq_waiting' }, counts.queueDepth);
      },
    });
  }
  return {
    observe(claim, outcome, finishedAt) {
      if (outcome === 'retry' || outcome === 'lost') return;
      const labels = { kind: claim.kind, state: outcome.state };
      latency.observe(labels, Math.max(0, finishedAt - claim.createdAt) / 1000);
      attempts.observe(labels, claim.attempts);
    },
  };
}
