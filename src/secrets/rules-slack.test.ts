import { describe, expect, it } from 'vitest';
import { createSecretDetector } from './detect.js';

const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
const mix = (n: number, offset = 0): string =>
  Array.from({ length: n }, (_, i) => pool[(i * 7 + offset) % pool.length]).join('');
const hex = (n: number): string => '5e0b3f9a7c2d81e4'.repeat(8).slice(0, n);
const ids = (...lengths: number[]): string =>
  lengths.map((n, i) => '73920481650394857261'.slice(i, i + n)).join('-');

const detector = createSecretDetector({ generic: false });
const rules = async (text: string): Promise<string[]> =>
  (await detector.detect(text)).map((m) => m.rule);

describe('Slack token structures', () => {
  it.each([
    ['a bot token', `xoxb-${ids(12, 13)}-${mix(24)}`],
    ['a legacy bot token', `xoxb-${ids(12)}-${mix(24)}`],
    ['a user token', `xoxp-${ids(11, 10, 11)}-${hex(32)}`],
    ['a user token with two ids', `xoxp-${ids(12, 13)}-${mix(24)}`],
    ['a legacy token', `xoxs-${ids(12, 9, 10)}-${hex(10)}`],
    ['a workspace token', `xoxa-2-${ids(9, 11, 13)}-${hex(18)}`],
    ['a refresh token', `xoxe-1-${mix(146)}`],
  ])('finds %s', async (_what, token) => {
    expect(await rules(`SLACK_TOKEN="${token}"`)).toEqual(['slack-token']);
  });

  it.each([
    ['a user token with one id', `xoxp-${ids(11)}-${hex(32)}`],
    ['a legacy token with one id', `xoxs-${ids(12)}-${mix(12)}`],
    ['a bot token without ids', `xoxb-${mix(8)}-${mix(8, 3)}`],
    ['a refresh token of the wrong length', `xoxe-1-${mix(120)}`],
  ])('ignores %s', async (_what, token) => {
    expect(await rules(`SLACK_TOKEN="${token}"`)).toEqual([]);
  });

  it('judges the random part, not the assigned ids before it', async () => {
    expect(await rules(`SLACK_TOKEN="xoxb-123456789012-${mix(24)}"`)).toEqual(['slack-token']);
    expect(await rules(`SLACK_TOKEN="xoxb-111111111111-${mix(24)}"`)).toEqual(['slack-token']);
    expect(await rules(`SLACK_TOKEN="xoxb-${ids(12)}-abcdefghijklmnopqrstuvwx"`)).toEqual([]);
  });
});
