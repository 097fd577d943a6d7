/**
 * The detector reads text clients send (prompts the gateway redacts, files the gate
 * scans): no input shape may make it superlinear. Each input here once took seconds
 * to minutes, because a pattern or a step looked back over the whole line, scanned
 * 16 KB after every key header, or compared every finding with every other.
 */
import { describe, expect, it } from 'vitest';
import { detectSecrets } from './detect.js';

const MB = 1_000_000;
/** Linear work on these sizes takes well under a second; the old versions took 6 to 51 s. */
const BUDGET_MS = 5_000;

function repeated(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length));
}

async function timed(text: string): Promise<{ ms: number; found: number }> {
  const started = performance.now();
  const found = await detectSecrets(text);
  return { ms: performance.now() - started, found: found.length };
}

describe('secret detection on hostile input', () => {
  it('a 1 MB line of names with bare values (each looked back to the line start: 51 s)', async () => {
    const { ms } = await timed(repeated('password: ', MB));
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('2 MB of private-key headers without an end (each scanned 16 KB ahead: 29 s)', async () => {
    const { ms, found } = await timed(repeated('-----BEGIN PRIVATE KEY-----', 2 * MB));
    expect(found).toBe(0);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('1 MB holding 50,000 findings (merging compared every pair: 6 s)', async () => {
    const { ms, found } = await timed(repeated('password="', MB));
    expect(found).toBeGreaterThan(10_000);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('1 MB of `…_key` names, each read backwards to its start', async () => {
    for (const unit of ['a_key=', 'xKey: ', `${'n'.repeat(60)}_key="`]) {
      const { ms } = await timed(repeated(unit, MB));
      expect(ms, unit).toBeLessThan(BUDGET_MS);
    }
  });

  it('1 MB of XML key/value attributes and of URL query tokens', async () => {
    for (const unit of ['<add key="password" value="', 'https://x.example/?token=abc&']) {
      const { ms } = await timed(repeated(unit, MB));
      expect(ms, unit).toBeLessThan(BUDGET_MS);
    }
  });
});
