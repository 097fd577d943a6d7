import { describe, expect, it } from 'vitest';
import { approximateTokens, TokenEstimator } from './estimate.js';

/** o200k_base counts as js-tiktoken 1.0.21 gave them (the encoder used before gpt-tokenizer). */
const known: [string, number][] = [
  ['hello world', 2],
  ['function add(a, b) { return a + b; }', 13],
  ['<|endoftext|>', 7], // special-token text in a prompt is plain text
  ['héllo wörld 你好 🙂', 8],
];

describe('TokenEstimator (o200k_base)', () => {
  it('counts like js-tiktoken did, in this thread and on the worker', async () => {
    const estimator = new TokenEstimator();
    for (const [text, tokens] of known) expect(estimator.count(text), text).toBe(tokens);
    const usage = await estimator.estimateUsageAsync(
      known.map(([content]) => ({ role: 'user' as const, content })),
      'hello world',
    );
    const input = known.reduce((sum, [, n]) => sum + 4 + n, 3);
    expect(usage).toEqual({
      inputTokens: input,
      outputTokens: 2,
      cachedInputTokens: 0,
      estimated: true,
    });
  });

  it('still bills an estimate when the table cannot load (a bundle without its data file)', async () => {
    const missing = (): never => {
      throw new Error("Cannot find module 'gpt-tokenizer/data/o200k_base.tiktoken'");
    };
    const failing = () => Promise.reject(new Error('the counting worker exited'));
    const estimator = new TokenEstimator(failing, missing);
    expect(estimator.count('12345678')).toBe(2);
    expect(approximateTokens('héllo')).toBe(2); // 6 UTF-8 bytes
    const usage = await estimator.estimateUsageAsync(
      [{ role: 'user', content: 'x'.repeat(40) }],
      'y'.repeat(9),
    );
    expect(usage).toEqual({
      inputTokens: 3 + 4 + 10,
      outputTokens: 3,
      cachedInputTokens: 0,
      estimated: true,
    });
  });
});
