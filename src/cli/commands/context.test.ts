import { afterAll, describe, expect, it } from 'vitest';
import { createTempProject, sampleProject } from '../../context/test-support/project.js';
import { runCliCaptured } from '../../../test/support/run-cli.js';

const project = createTempProject({
  ...sampleProject,
  '.github/copilot-instructions.md': '# Rules\nPrices are integers in cents.\n',
});
afterAll(() => project.dispose());

const cli = (argv: string[], cwd = project.root) => runCliCaptured(argv, {}, cwd);

interface Listed {
  kind: string;
  source: string;
  reason: string;
  tokens: number;
  included: boolean;
}

describe('shipgate context', () => {
  it('lists what would be included and why, as JSON', async () => {
    const out = await cli([
      'context',
      'cartTotal should show the currency',
      '--file',
      'src/cart.ts',
      '--format',
      'json',
    ]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout) as {
      items: Listed[];
      tokens: number;
      budget: number;
      targetFile: string;
    };
    expect(result.targetFile).toBe('src/cart.ts');
    expect(result.budget).toBe(8000);
    expect(result.items.map((i) => `${i.kind} ${i.source}`).slice(0, 5)).toEqual([
      'instructions .github/copilot-instructions.md',
      'target src/cart.ts',
      'import src/lib/index.ts',
      'import src/lib/format.ts',
      'caller src/checkout.ts:3-6',
    ]);
    expect(result.items.every((i) => i.included && i.reason.length > 0 && i.tokens > 0)).toBe(true);
    expect(result.tokens).toBe(result.items.reduce((sum, i) => sum + i.tokens, 0));
  });

  it('marks items over the budget as excluded in the text table', async () => {
    const out = await cli(
      ['context', 'cart total', '--file', 'src/cart.ts', '--budget', '60'],
      `${project.root}/src`,
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^included\s+kind\s+tokens\s+source\s+reason\n/);
    expect(out.stdout).toMatch(/\nno\s+\S+\s+\d+\s+\S+\s+.*excluded: needs \d+ tokens/);
    expect(out.stdout).toMatch(/\n\d+ \/ 60 tokens included; index: \d+ files/);
  });

  it('exits 2 for an empty query and a file outside the project', async () => {
    expect((await cli(['context', ' '])).code).toBe(2);
    const outside = await cli(['context', 'x', '--file', '/etc/hosts', '--root', project.root]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/is not inside the project root/);
  });
});
