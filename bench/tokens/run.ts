/**
 * Token counting benchmark (ADR 0035): gpt-tokenizer's o200k_base encoder against the
 * compact rank-table counter, each in its own process, in-thread and on a worker
 * thread (as metering counts cut streams): RSS added, build time, count time on the
 * same texts (this project's sources and docs), the time for one 32,000-letter word
 * (one piece: the merge's worst case), and whether the totals agree.
 * The compact counter is measured as built (`npm run build` first, or it builds).
 *   npm run bench:tokens
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

function textsUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) textsUnder(path, out);
    else if (/\.(ts|md)$/.test(name)) out.push(readFileSync(path, 'utf8'));
  }
  return out;
}

if (!existsSync(join(root, 'dist/gateway/tokens/o200k.js')))
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'bench-tokens-'));
const textsFile = join(dir, 'texts.json');
const texts = [...textsUnder(join(root, 'src')), ...textsUnder(join(root, 'docs'))];
writeFileSync(textsFile, JSON.stringify(texts));
const probe = join(root, 'bench/tokens/probe.ts');
const rows = [];
try {
  for (const where of ['thread', 'worker'])
    for (const which of ['gpt-tokenizer', 'compact']) {
      const args = ['--expose-gc', '--import', 'tsx', probe, which, where, textsFile];
      const out = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
      rows.push(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number>);
    }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const fixed = (n: unknown, digits = 0): string => Number(n).toFixed(digits);
console.log(`${texts.length} texts (src/ and docs/), counted once after the build`);
console.table(
  rows.map((r) => ({
    counter: r.which,
    where: r.where,
    'RSS added MB': fixed(r.rssMb),
    'build ms': fixed(r.buildMs),
    'count ms': fixed(r.countMs),
    tokens: r.tokens,
    '32k-letter word ms': fixed(r.wordMs),
    'word tokens': r.wordTokens,
  })),
);
const totals = new Set(rows.map((r) => `${r.tokens}/${r.wordTokens}`));
console.log(totals.size === 1 ? 'PASS  every counter gave the same total' : 'FAIL  totals differ');
if (totals.size !== 1) process.exitCode = 1;
