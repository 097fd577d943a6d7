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
