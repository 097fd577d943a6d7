import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const lib = fileURLToPath(new URL('./typescript.cts', import.meta.url));
const loader = fileURLToPath(new URL('./typescript-code-cache.cts', import.meta.url));
const cacheHome = mkdtempSync(join(tmpdir(), 'sg-code-cache-'));
afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));
const cacheDir = join(cacheHome, 'shipgate', 'v8');

/** A fresh Node process that loads the compiler the way the CLI does. */
function load(env: Record<string, string> = {}): [string, boolean, string, number] {
  const script = [
    `import ts from ${JSON.stringify(lib)};`,
    `import { status } from ${JSON.stringify(loader)};`,
    `const req = (await import('node:module')).createRequire(import.meta.url);`,
    `const parsed = ts.createSourceFile('a.ts', 'let a: number = 1;', ts.ScriptTarget.ES2022);`,
    `process.stdout.write(JSON.stringify([ts.version, ts === req('typescript'), status, parsed.statements.length]));`,
  ].join('\n');
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...env } },
  );
  return JSON.parse(out) as [string, boolean, string, number];
}

describe('TypeScript loaded with a V8 code cache (ADR 0034)', () => {
  it('compiles and writes the cache on the first run, uses it on the next: one shared instance', () => {
    expect(load()).toEqual([ts.version, true, 'compiled', 1]);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect(load()).toEqual([ts.version, true, 'cached', 1]);
  });

  it('a cache V8 rejects (corrupt) is rewritten, and the compiler still works', () => {
    load();
    const [file] = readdirSync(cacheDir).filter((f) => f.endsWith('.bin'));
    writeFileSync(join(cacheDir, file ?? 'x.bin'), 'not bytecode');
    expect(load()).toEqual([ts.version, true, 'rejected', 1]);
    expect(load()).toEqual([ts.version, true, 'cached', 1]);
  });

  it('SHIPGATE_CODE_CACHE=0 turns it off; an unwritable cache folder only costs the cache', () => {
    expect(load({ SHIPGATE_CODE_CACHE: '0' })).toEqual([ts.version, true, 'off', 1]);
    const blocked = join(cacheHome, 'file-not-dir');
    writeFileSync(blocked, '');
    expect(load({ XDG_CACHE_HOME: blocked })).toEqual([ts.version, true, 'compiled', 1]);
  });
});
