import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContextCandidate } from './candidate.js';
import { collectContext, resolveTargetPath } from './collect-context.js';
import { ContextIndexCache } from './context-index-cache.js';
import { gatherCandidates } from './gather-context.js';
import { packContext } from './pack-context.js';
import type { RepoIndex } from './repo-index.js';
import { createTempProject, sampleProject } from './test-support/project.js';
import { loadPathMapping } from './tsconfig-paths.js';

const project = createTempProject(sampleProject);
const cache = new ContextIndexCache({ persist: false });
let index: RepoIndex;
beforeAll(async () => {
  index = await cache.index(project.root);
});
afterAll(() => {
  cache.dispose();
  project.dispose();
});

async function gather(query: string, targetFile?: string): Promise<ContextCandidate[]> {
  const mapping = await loadPathMapping(project.root);
  return gatherCandidates({ index, query, targetFile, mapping });
}

describe('gatherCandidates', () => {
  it('puts the target first, then signatures of its imports through barrels and tsconfig paths', async () => {
    const candidates = await gather('make the cart total include tax', 'src/cart.ts');
    expect(candidates.map((c) => `${c.kind} ${c.source}`).slice(0, 3)).toEqual([
      'target src/cart.ts',
      'import src/lib/index.ts',
      'import src/lib/format.ts',
    ]);
    const barrel = candidates[1]!;
    expect(barrel.content).toContain('// from src/lib/money.ts\n/** Adds two amounts');
    expect(barrel.content).toContain('export interface Money');
    expect(barrel.reason).toBe(
      "src/cart.ts imports addMoney, Money from './lib/index.js' (line 1)",
    );
    expect(candidates[2]!.content).toContain(
      'export const formatCents = (cents: number): string =>',
    );
    expect(candidates.some((c) => c.source.startsWith('node:'))).toBe(false);
  });

  it('finds callers of a function of the target named in the spec, in other files', async () => {
    const candidates = await gather('cartTotal should round to whole euros', 'src/cart.ts');
    const callers = candidates.filter((c) => c.kind === 'caller');
    expect(callers.map((c) => c.source)).toEqual(['src/checkout.ts:3-6']);
    expect(callers[0]!.reason).toBe(
      'calls `cartTotal` at src/checkout.ts:4 in `checkout`; src/checkout.ts imports src/cart.ts',
    );
  });

  it('resolves Python relative imports', async () => {
    const candidates = await gather('price with vat', 'py/shop/pricing.py');
    const imports = candidates.filter((c) => c.kind === 'import');
    expect(imports.map((c) => c.source)).toEqual(['py/shop/tax.py']);
    expect(imports[0]!.content).toContain('def vat_rate(country: str) -> float:');
  });

  it('adds lexically similar chunks from other files, never from the target', async () => {
    const candidates = await gather('legacy total of items in cents', 'src/cart.ts');
    const similar = candidates.filter((c) => c.kind === 'similar');
    expect(similar[0]?.source).toBe('scripts/legacy.js:2-4');
    expect(similar[0]?.reason).toMatch(/^lexical match with the spec \(BM25 [\d.]+\) on: /);
    expect(similar.every((c) => !c.source.startsWith('src/cart.ts'))).toBe(true);
  });
});

describe('packContext', () => {
  const counter = { count: (text: string) => text.length };
  const item = (source: string, size: number, fallback?: number): ContextCandidate => ({
    kind: 'similar',
    source,
    reason: source,
    content: 'x'.repeat(size),
    ...(fallback ? { fallback: { content: 'y'.repeat(fallback), reason: 'short form' } } : {}),
  });

  it('includes by priority, skips what does not fit, and lets later smaller items in', () => {
    const packed = packContext([item('a', 50), item('b', 100), item('c', 30)], 90, counter);
    expect(packed.map((p) => [p.source, p.included, p.tokens])).toEqual([
      ['a', true, 50],
      ['b', false, 100],
      ['c', true, 30],
    ]);
    expect(packed[1]!.reason).toBe('b — excluded: needs 100 tokens, 39 left in the budget');
  });

  it('uses the fallback form when the whole item does not fit', () => {
    const [packed] = packContext([item('t', 500, 40)], 100, counter);
    expect(packed).toMatchObject({ included: true, tokens: 40, content: 'y'.repeat(40) });
    expect(packed!.reason).toBe('t; short form (the whole text needs 500 tokens)');
  });
});

describe('collectContext', () => {
  it('falls back to the outline of a target too big for the budget, within the budget', async () => {
    const { items } = await collectContext({
      root: project.root,
      query: 'cart',
      targetFile: 'src/cart.ts',
      budget: 120,
      instructionsCap: 60,
      index: cache,
      counter: cache.tokenCounter,
    });
    const target = items.find((i) => i.kind === 'target');
    expect(target?.included).toBe(true);
    expect(target?.content).toContain('Outline of `src/cart.ts`');
    const used = items.filter((i) => i.included).reduce((sum, i) => sum + i.tokens + 1, 0);
    expect(used).toBeLessThanOrEqual(120);
    expect(items.some((i) => !i.included)).toBe(true);
  });

  it('rejects a target outside the root', () => {
    expect(() => resolveTargetPath(project.root, '../elsewhere.ts')).toThrow(
      /is not inside the project root/,
    );
    expect(resolveTargetPath(project.root, `${project.root}/src/cart.ts`)).toBe('src/cart.ts');
  });
});
