import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeUpstream } from '../../../test/fake-upstream/index.js';
import { runCliCaptured } from '../../../test/support/run-cli.js';
import { offsetOf } from './complete.js';

let openai: FakeUpstream;
let dir: string;
let env: Record<string, string>;

const source = [
  "import { price } from './price';",
  '',
  'export function total(items: number[]): number {',
  '  return ',
  '}',
  '',
].join('\n');

beforeAll(async () => {
  openai = await startFakeOpenAI();
  dir = mkdtempSync(join(tmpdir(), 'shipgate-complete-'));
  writeFileSync(join(dir, 'package.json'), '{"name":"shop"}\n');
  writeFileSync(join(dir, 'cart.ts'), source);
  writeFileSync(
    join(dir, 'price.ts'),
    'export function price(n: number): number {\n  return n;\n}\n',
  );
  writeFileSync(
    join(dir, 'shipgate.config.yaml'),
    [
      'providers:',
      `  local: { kind: openai-compatible, baseUrl: "${openai.baseUrl}" }`,
      'models:',
      '  coder: { provider: local, model: Qwen2.5-Coder-1.5B }',
      'storage:',
      `  url: "sqlite:${join(dir, 'db.sqlite')}"`,
    ].join('\n'),
  );
  env = { SHIPGATE_HOME: dir };
});
afterAll(async () => {
  await openai.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('shipgate complete', () => {
  it('completes at --line/--column with the imported signatures as context', async () => {
    openai.script({ reply: 'items.reduce((s, n) => s + price(n), 0);\n}\n<|endoftext|>' });
    const run = await runCliCaptured(
      ['complete', '--file', 'cart.ts', '--line', '4', '--column', '10'],
      env,
      dir,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('items.reduce((s, n) => s + price(n), 0);\n');
    const prompt = (openai.requests.at(-1)?.body as { prompt: string }).prompt;
    expect(prompt.startsWith('<|repo_name|>')).toBe(true);
    expect(prompt).toContain('<|file_sep|>price.ts\nexport function price(n: number): number');
    expect(prompt).toContain('<|file_sep|>cart.ts\n<|fim_prefix|>import { price }');
    expect(prompt.endsWith('  return <|fim_suffix|>\n}\n<|fim_middle|>')).toBe(true);
  });

  it('prints the contract JSON; usage shows the completions served', async () => {
    openai.script({ reply: '0;' });
    const run = await runCliCaptured(
      [
        'complete',
        '--file',
        'cart.ts',
        '--line',
        '4',
        '--column',
        '10',
        '--no-context',
        '--format',
        'json',
      ],
      env,
      dir,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      completion: '0;',
      model: 'coder',
      cached: false,
    });
    const usage = await runCliCaptured(['usage', '--format', 'json'], env, dir);
    const acceptance = (JSON.parse(usage.stdout) as { acceptance: unknown[] }).acceptance;
    expect(acceptance).toContainEqual(
      expect.objectContaining({ model: 'coder', language: 'typescript', served: 2, shown: 0 }),
    );
  });

  it('says what to fix for a position outside the file (exit 2)', async () => {
    const past = await runCliCaptured(
      ['complete', '--file', 'cart.ts', '--line', '4', '--column', '99'],
      env,
      dir,
    );
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('last column is 10');
    const missing = await runCliCaptured(
      ['complete', '--file', 'nope.ts', '--line', '1', '--column', '1'],
      env,
      dir,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read --file nope.ts');
    expect(offsetOf('ab\ncd', 2, 2, 'f')).toBe(4);
  });
});
