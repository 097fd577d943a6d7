/**
 * Issue 10 (peak RSS): on a SQLite file store the cut stream's tokens are counted on
 * the store's writer thread, not on a counting worker of their own, and the counts
 * are o200k_base's as on the worker (the oracle is the in-thread counter).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TokenWorker } from '../../src/gateway/token-worker.js';
import { countOps } from '../../src/gateway/tokens/count-ops.js';
import { o200kCounter } from '../../src/gateway/tokens/o200k.js';
import { startHarness, type Harness } from './harness.js';

describe('cut streams counted on the SQLite writer thread', () => {
  let dir: string;
  let h: Harness;
  let url: string;
  const ownWorker = vi.spyOn(TokenWorker.prototype, 'count');
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipgate-count-'));
    h = await startHarness({
      config: {
        storage: { url: `sqlite:${join(dir, 'shipgate.db')}` },
        routing: { retry: { maxAttempts: 1 } },
      },
    });
    url = await h.listen();
  });
  afterAll(async () => {
    ownWorker.mockRestore();
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts what the writer thread is given exactly as the counter in this thread', async () => {
    const background = h.runtime.store.background;
    if (!background) throw new Error('a SQLite file store has a writer thread');
    const texts = ['hello world', 'const x = 1;\n', 'ünïcödé 🎉 text', ''];
    const counts = await background.call<number[]>(countOps, 'count', texts);
    expect(counts).toEqual(texts.map(o200kCounter()));
    await expect(background.call(countOps, 'count', [1, 2])).rejects.toThrow(/array of strings/);
  });

  it('meters a stream the upstream cuts without starting a counting worker', async () => {
    const reply = 'one two three four five six seven eight nine ten';
    h.openai.script({ reply, resetMidStream: 4 });
    const res = await request(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'fast',
        stream: true,
        messages: [{ role: 'user', content: 'count for me please' }],
      }),
    });
    await res.body.text().catch(() => '');
    await h.runtime.gateway.meter.flush();
    const [row] = await h.runtime.store.usage.list({ limit: 1 });
    expect(row?.estimated).toBe(true);
    expect(row?.outputTokens).toBeGreaterThanOrEqual(4);
    expect(row?.inputTokens).toBeGreaterThanOrEqual(4);
    expect(ownWorker).not.toHaveBeenCalled();
  });
});
