import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { LeanCounter, LeanHistogram } from './lean-metric.js';

const buckets = [0.001, 0.01, 0.1, 1, 10];
const labelNames = ['route', 'status'];
const combos = [
  ['/v1/chat/completions', '200'],
  ['/v1/messages', '502'],
  ['/api/jobs/:id', '200'],
];

/** The same observations into prom-client's instruments and the lean ones. */
function observeBoth(seed: number): { prom: Registry; lean: Registry } {
  const prom = new Registry();
  const lean = new Registry();
  const ph = new Histogram({
    name: 'x_seconds',
    help: 'h',
    labelNames,
    buckets,
    registers: [prom],
  });
  const pc = new Counter({ name: 'x_total', help: 'c', labelNames, registers: [prom] });
  const lh = new LeanHistogram('x_seconds', 'h', labelNames, buckets, lean);
  const lc = new LeanCounter('x_total', 'c', labelNames, lean);
  let state = seed;
  const random = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 500; i++) {
    const labels = combos[Math.floor(random() * combos.length)] as [string, string];
    // values on bucket edges, between them and past the last one
    const value = i % 7 === 0 ? (buckets[i % buckets.length] as number) : random() ** 3 * 20;
    ph.labels(...labels).observe(value);
    lh.labels(...labels).observe(value);
    const by = Math.floor(random() * 5);
    pc.labels(...labels).inc(by);
    lc.labels(...labels).inc(by);
  }
  return { prom, lean };
}

describe('lean histogram and counter', () => {
  it('expose exactly what prom-client exposes for the same observations', async () => {
    for (const seed of [1, 42, 977]) {
      const { prom, lean } = observeBoth(seed);
      const text = await lean.metrics();
      expect(text).toContain('x_seconds_bucket{le="+Inf",route="/v1/messages",status="502"}');
      expect(text).toBe(await prom.metrics());
      expect(await lean.getMetricsAsJSON()).toEqual(await prom.getMetricsAsJSON());
    }
  });

  it('ignores values no histogram or counter can hold, where prom-client throws', async () => {
    const registry = new Registry();
    const h = new LeanHistogram('y_seconds', 'h', ['a'], buckets, registry);
    const c = new LeanCounter('y_total', 'c', ['a'], registry);
    h.labels('1').observe(Number.NaN);
    h.labels('1').observe(Number.POSITIVE_INFINITY);
    c.labels('1').inc(-3);
    c.labels('1').inc(Number.NaN);
    h.labels('1').observe(0.5);
    const text = await registry.metrics();
    expect(text).toContain('y_seconds_count{a="1"} 1');
    expect(text).toContain('y_seconds_sum{a="1"} 0.5');
    expect(text).toContain('y_total{a="1"} 0');
  });

  it('refuses a second metric of the same name on one registry', () => {
    const registry = new Registry();
    new LeanCounter('z_total', 'c', ['a'], registry);
    expect(() => new LeanCounter('z_total', 'c', ['a'], registry)).toThrow(
      /already been registered/,
    );
  });
});
