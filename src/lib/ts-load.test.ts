import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const lib = fileURLToPath(new URL('./typescript.cts', import.meta.url));

describe('lib/typescript.cts (loaded by Node, not through the test transform)', () => {
  it('is the typescript package, loaded by require', () => {
    const script = `import ts from ${JSON.stringify(lib)}; const req = (await import('node:module')).createRequire(import.meta.url); process.stdout.write(JSON.stringify([ts.version, ts === req('typescript'), ts.SyntaxKind.Identifier]));`;
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(out)).toEqual([ts.version, true, ts.SyntaxKind.Identifier]);
  });
});
