import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContextIndexCache } from './context-index-cache.js';
import { createTempProject, sampleProject } from './test-support/project.js';
import { listProjectFiles } from './walk-files.js';
import { languageForPath } from './languages.js';

const project = createTempProject({
  ...sampleProject,
  'binary.ts': Buffer.from([0x65, 0x78, 0x00, 0x01, 0x02]),
  'huge.ts': `export const huge = "${'x'.repeat(600 * 1024)}";\n`,
});
afterAll(() => project.dispose());

describe('listProjectFiles', () => {
  it('honours .gitignore (patterns, directories, negation) and .shipgateignore, and skips node_modules', async () => {
    const files = await listProjectFiles(project.root, {
      include: (p) => languageForPath(p) !== undefined,
    });
    expect(files).toContain('build/keep.ts');
    expect(files).toContain('src/cart.ts');
    expect(files).toContain('py/shop/pricing.py');
    for (const hidden of [
      'build/drop.ts',
      'generated/big.ts',
      'secret-stuff/hidden.ts',
      'node_modules/dep/index.js',
      'notes.md',
    ])
      expect(files).not.toContain(hidden);
  });
});

describe('ContextIndexCache', () => {
  it('extracts TypeScript symbols with signatures, doc comments and imports', async () => {
    const cache = new ContextIndexCache({ persist: false });
    const index = await cache.index(project.root);
    const money = index.files.get('src/lib/money.ts');
    expect(money?.symbols.map((s) => `${s.kind}:${s.name}:${s.exported}`)).toEqual([
      'interface:Money:true',
      'function:addMoney:true',
      'type:Currency:true',
    ]);
    expect(money?.symbols[1]?.signature).toBe(
      '/** Adds two amounts of the same currency. */\nexport function addMoney(a: Money, b: Money): Money',
    );
    expect(money?.symbols[1]?.startLine).toBe(7);
    const cart = index.files.get('src/cart.ts');
    expect(cart?.symbols.find((s) => s.name === 'Cart')?.signature).toBe(
      'export class Cart {\n  add(item: Money): void;\n  total(): Money;\n}',
    );
    expect(cart?.symbols.find((s) => s.name === 'total')).toMatchObject({
      kind: 'method',
      container: 'Cart',
    });
    expect(cart?.imports.map((i) => [i.specifier, i.names])).toEqual([
      ['./lib/index.js', ['addMoney', 'Money']],
      ['@lib/format', ['formatCents']],
      ['node:fs', ['readFileSync']],
    ]);
    expect(index.files.get('src/lib/format.ts')?.symbols[0]?.signature).toBe(
      'export const formatCents = (cents: number): string =>',
    );
    cache.dispose();
  });

  it('indexes TSX, CommonJS requires and Python definitions, imports and calls', async () => {
    const cache = new ContextIndexCache({ persist: false });
    const index = await cache.index(project.root);
    expect(index.files.get('src/report.tsx')?.symbols[0]?.name).toBe('Report');
    const legacy = index.files.get('scripts/legacy.js');
    expect(legacy?.imports[0]).toMatchObject({ specifier: './paths.js', names: ['*'] });
    expect(legacy?.symbols.map((s) => s.name)).toContain('legacyTotal');
    const pricing = index.files.get('py/shop/pricing.py');
    expect(pricing?.symbols.map((s) => `${s.kind}:${s.name}`)).toEqual([
      'function:price_with_vat',
      'class:PriceList',
      'method:lookup',
    ]);
    expect(pricing?.symbols[0]?.signature).toBe(
      'def price_with_vat(cents: int, country: str) -> int:\n    """Price including VAT for a country."""',
    );
    expect(pricing?.imports[0]).toMatchObject({ specifier: '.tax', names: ['vat_rate'] });
    expect(index.callSites('vat_rate').map((c) => `${c.path}:${c.item.line}`)).toEqual([
      'py/shop/pricing.py:6',
    ]);
    expect(index.callSites('cartTotal').map((c) => c.path)).toEqual(['src/checkout.ts']);
    cache.dispose();
  });

  it('skips binary and huge files', async () => {
    const cache = new ContextIndexCache({ persist: false });
    const index = await cache.index(project.root);
    expect(index.files.has('binary.ts')).toBe(false);
    expect(index.files.has('huge.ts')).toBe(false);
    expect(cache.lastStats?.skipped).toBe(2);
    cache.dispose();
  });

  it('reparses only the changed file, from the on-disk cache and from memory', async () => {
    const cachePath = join(project.root, '.shipgate', 'cache', 'index.json');
    const first = new ContextIndexCache();
    await first.index(project.root);
    const total = first.lastStats?.files ?? 0;
    expect(first.parses).toBe(total);
    expect(existsSync(cachePath)).toBe(true);
    first.dispose();

    project.write('src/checkout.ts', 'export const touched = 1;\n');
    const second = new ContextIndexCache();
    const index = await second.index(project.root);
    expect(second.parses).toBe(1);
    expect(second.lastStats).toMatchObject({ files: total, parsed: 1, reused: total - 1 });
    expect(index.files.get('src/checkout.ts')?.symbols[0]?.name).toBe('touched');

    const unchanged = await second.index(project.root);
    expect(second.parses).toBe(1);
    expect(unchanged).toBe(index);
    project.write('src/lib/format.ts', 'export const formatCents = 1;\n');
    await second.index(project.root);
    expect(second.parses).toBe(2);
    second.dispose();
  });

  it('with freshMs, concurrent and recent calls share one build; a later call sees changes', async () => {
    const cache = new ContextIndexCache({ persist: false, freshMs: 150 });
    const [a, b] = await Promise.all([cache.index(project.root), cache.index(project.root)]);
    expect(b).toBe(a);
    const parses = cache.parses;
    project.write('src/fresh.ts', 'export const fresh = 1;\n');
    // within the window: the same index, the new file not listed yet
    expect(await cache.index(project.root)).toBe(a);
    expect(a.files.has('src/fresh.ts')).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    const later = await cache.index(project.root);
    expect(later.files.has('src/fresh.ts')).toBe(true);
    expect(cache.parses).toBe(parses + 1);
    cache.dispose();
  });

  it('ranks the chunk that shares the query words first (BM25)', async () => {
    const cache = new ContextIndexCache({ persist: false });
    const index = await cache.index(project.root);
    const hits = index.search('vat rate for a country', { limit: 3 });
    expect(hits[0]?.path).toBe('py/shop/tax.py');
    expect(hits[0]?.terms).toEqual(expect.arrayContaining(['vat', 'rate', 'country']));
    cache.dispose();
  });
});
