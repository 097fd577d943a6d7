import { describe, expect, it } from 'vitest';
import { insideRoot, parseModelOutput, testPathFor } from './parse-output.js';

const root = '/project';

describe('parseModelOutput', () => {
  it('takes paths from the line before each fence and keeps the last copy of a path', () => {
    const text = [
      'Here you go.',
      'src/a.ts',
      '```ts',
      'export const a = 1;',
      '```',
      'src/b.ts',
      '```ts',
      'export const b = 2;',
      '```',
      'src/a.ts',
      '```ts',
      'export const a = 3;',
      '```',
    ].join('\n');
    const parsed = parseModelOutput(text, { root, withTests: false });
    expect(parsed.files).toEqual([
      { path: 'src/a.ts', content: 'export const a = 3;\n' },
      { path: 'src/b.ts', content: 'export const b = 2;\n' },
    ]);
    expect(parsed.findings).toEqual([]);
  });

  it('puts a single unnamed block in the target file, a second one (with tests) in its test file', () => {
    const text = '```ts\nexport const x = 1;\n```\n\n```ts\nconsole.assert(x === 1);\n```\n';
    const single = parseModelOutput(text, { root, targetFile: 'src/x.ts', withTests: false });
    expect(single.files.map((f) => f.path)).toEqual(['src/x.ts']);
    const withTests = parseModelOutput(text, { root, targetFile: 'src/x.ts', withTests: true });
    expect(withTests.files.map((f) => f.path)).toEqual(['src/x.ts', 'src/x.test.ts']);
  });

  it('ignores shell commands and empty blocks', () => {
    const text = '```bash\nnpm install zod\n```\n```ts\n\n```\n```ts\nexport const y = 2;\n```\n';
    const parsed = parseModelOutput(text, { root, targetFile: 'src/y.ts', withTests: false });
    expect(parsed.files).toEqual([{ path: 'src/y.ts', content: 'export const y = 2;\n' }]);
  });

  it('turns a path outside the root into a finding, never a file', () => {
    const text = '../evil.ts\n```ts\nexport {};\n```\n/etc/passwd\n```ts\nroot\n```\n';
    const parsed = parseModelOutput(text, { root, withTests: false });
    expect(parsed.files).toEqual([]);
    expect(parsed.findings.map((f) => [f.rule, f.file])).toEqual([
      ['path-outside-root', '../evil.ts'],
      ['path-outside-root', '/etc/passwd'],
    ]);
  });

  it('flags a block cut off by the end of the answer', () => {
    const parsed = parseModelOutput('src/z.ts\n```ts\nexport function z() {\n', {
      root,
      withTests: false,
    });
    expect(parsed.files.map((f) => f.path)).toEqual(['src/z.ts']);
    expect(parsed.findings).toEqual([
      expect.objectContaining({ rule: 'truncated-block', file: 'src/z.ts', blocking: true }),
    ]);
  });
});

describe('paths', () => {
  it('derives test paths and keeps paths inside the root', () => {
    expect(testPathFor('src/sum.ts')).toBe('src/sum.test.ts');
    expect(testPathFor('lib/a.mjs')).toBe('lib/a.test.mjs');
    expect(insideRoot(root, '/project/src/a.ts')).toBe('src/a.ts');
    expect(insideRoot(root, './src/../a.ts')).toBe('a.ts');
    expect(insideRoot(root, '../x.ts')).toBeNull();
    expect(insideRoot(root, '/project')).toBeNull();
    expect(insideRoot(root, '/projectile/a.ts')).toBeNull();
  });
});
