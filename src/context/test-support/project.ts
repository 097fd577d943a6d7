import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A real temporary project directory; `write` adds files, `dispose` removes it. */
export interface TempProject {
  root: string;
  write(path: string, content: string | Buffer): void;
  dispose(): void;
}

export function createTempProject(files: Record<string, string | Buffer> = {}): TempProject {
  const root = mkdtempSync(join(tmpdir(), 'shipgate-context-'));
  const write = (path: string, content: string | Buffer): void => {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  };
  for (const [path, content] of Object.entries(files)) write(path, content);
  return { root, write, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** A small TypeScript + Python project with imports, a barrel, an alias, callers and ignore files. */
export const sampleProject: Record<string, string> = {
  'package.json': '{ "name": "sample", "type": "module" }\n',
  'tsconfig.json': `{
  // comments and trailing commas, as tsconfig allows
  "compilerOptions": {
    "baseUrl": ".",
    "paths": { "@lib/*": ["src/lib/*"], },
  },
}
`,
  'src/lib/money.ts': `/** An amount of money in minor units. */
export interface Money {
  cents: number;
  currency: string;
}

/** Adds two amounts of the same currency. */
export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error('currency mismatch');
  return { cents: a.cents + b.cents, currency: a.currency };
}

export type Currency = 'EUR' | 'USD';
`,
  'src/lib/index.ts': `export * from './money.js';\nexport { formatCents as format } from './format.js';\n`,
  'src/lib/format.ts': `export const formatCents = (cents: number): string => (cents / 100).toFixed(2);\n`,
  'src/cart.ts': `import { addMoney, type Money } from './lib/index.js';
import { formatCents } from '@lib/format';
import { readFileSync } from 'node:fs';

export class Cart {
  private items: Money[] = [];
  add(item: Money): void {
    this.items.push(item);
  }
  total(): Money {
    return this.items.reduce(addMoney, { cents: 0, currency: 'EUR' });
  }
}

export function cartTotal(cart: Cart): string {
  return formatCents(cart.total().cents);
}
`,
  'src/checkout.ts': `import { Cart, cartTotal } from './cart.js';

export function checkout(cart: Cart): string {
  const label = cartTotal(cart);
  return \`Pay \${label}\`;
}
`,
  'src/report.tsx': `export function Report(props: { total: string }) {
  return <div className="report">{props.total}</div>;
}
`,
  'scripts/legacy.js': `const path = require('./paths.js');
function legacyTotal(items) {
  return items.reduce((sum, item) => sum + item.cents, 0);
}
module.exports = { legacyTotal };
`,
  'scripts/paths.js': `exports.root = '/';\n`,
  'py/shop/__init__.py': '',
  'py/shop/pricing.py': `from .tax import vat_rate


def price_with_vat(cents: int, country: str) -> int:
    """Price including VAT for a country."""
    return round(cents * (1 + vat_rate(country)))


class PriceList:
    def lookup(self, sku: str) -> int:
        return 0
`,
  'py/shop/tax.py': `def vat_rate(country: str) -> float:\n    return 0.2 if country == "FR" else 0.19\n`,
  '.gitignore': 'generated/\n*.log\nbuild/*\n!build/keep.ts\n',
  '.shipgateignore': 'secret-stuff/\n',
  'generated/big.ts': 'export const generated = 1;\n',
  'build/drop.ts': 'export const dropped = 1;\n',
  'build/keep.ts': 'export const kept = 1;\n',
  'secret-stuff/hidden.ts': 'export const hidden = 1;\n',
  'node_modules/dep/index.js': 'module.exports = 1;\n',
  'notes.md': '# not code\n',
};
