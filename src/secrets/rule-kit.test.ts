import { describe, expect, it } from 'vitest';
import { createSecretDetector } from './detect.js';

const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
const mix = (n: number, offset = 0): string =>
  Array.from({ length: n }, (_, i) => pool[(i * 7 + offset) % pool.length]).join('');
const token = `ghp_${mix(36)}`;

const detector = createSecretDetector({ generic: false });
const rules = async (text: string): Promise<string[]> =>
  (await detector.detect(text)).map((m) => m.rule);

describe('where a token ends', () => {
  it.each([
    ['JSON inside a JSON string', `"{\\"auth\\":\\"${token}\\"}"`],
    ['a single-quoted escape', `'{\\'auth\\':\\'${token}\\'}'`],
    ['an escaped backslash', `x = "${token}\\\\"`],
    ['a Markdown table cell', `| ci | ${token}| rotated |`],
    ['Markdown bold', `the key was **${token}**`],
    ['a percent-encoded character', `auth=${token}%0A`],
    ['the next query parameter', `https://host/cb?auth=${token}&page=2`],
    ['a URL fragment', `https://host/cb?auth=${token}#top`],
  ])('finds a token before %s', async (_what, text) => {
    expect(await rules(text)).toEqual(['github-token']);
  });

  it.each([
    ['a longer run of token characters', `${token}Q7`],
    ['an underscore', `${token}_x`],
    ['a slash (a path, or more base64)', `${token}/x`],
  ])('does not cut a token short before %s', async (_what, text) => {
    expect(await rules(text)).toEqual([]);
  });
});

describe('a provider name and its value', () => {
  const hex = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
  it.each([
    ['JSON', `{"sentry_token":"${hex}"}`],
    ['JSON inside a JSON string', `"{\\"sentry_token\\":\\"${hex}\\"}"`],
    ['escaped JSON with a space', `"{\\"sentry_token\\": \\"${hex}\\"}"`],
  ])('are read through %s', async (_what, text) => {
    expect(await rules(text)).toEqual(['sentry-access-token']);
  });
});
