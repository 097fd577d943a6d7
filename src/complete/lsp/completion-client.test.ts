import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/server/harness.js';
import { httpClient } from './completion-client.js';

let h: Harness;
let base: string;

beforeAll(async () => {
  h = await startHarness({
    config: {
      models: { coder: { provider: 'openai', model: 'starcoder2-3b' } },
      cache: { persist: false },
    },
  });
  base = await h.listen();
});
afterAll(() => h.close());

describe('shipgate lsp --server: the HTTP completion client', () => {
  it('completes and sends feedback through a running server', async () => {
    h.openai.script({ reply: 'n * 2;<|endoftext|>' });
    const client = httpClient(`${base}/`);
    const result = await client.complete(
      { prefix: 'const double = ', suffix: '\n', model: 'coder' },
      new AbortController().signal,
    );
    expect(result).toMatchObject({ completion: 'n * 2;', model: 'coder' });
    expect((h.openai.requests.at(-1)?.body as { prompt: string }).prompt).toBe(
      '<fim_prefix>const double = <fim_suffix>\n<fim_middle>',
    );
    await expect(client.feedback({ id: result.id, event: 'shown' })).resolves.toBeUndefined();
  });

  it('turns the server’s error answer into a message', async () => {
    const client = httpClient(base);
    await expect(
      client.complete({ prefix: 'x', model: 'nope' }, new AbortController().signal),
    ).rejects.toThrow(/shipgate server: .*nope/);
    await expect(client.feedback({ id: 'cmpl-unknown', event: 'accepted' })).rejects.toThrow(
      /unknown completion id/,
    );
  });
});
