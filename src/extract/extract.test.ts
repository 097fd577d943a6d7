import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractCodeBlocks } from './extract.js';
import { normalizeLanguage } from './language.js';

const fence = '```';

describe('extractCodeBlocks', () => {
  it('extracts a TypeScript block with its language, code and start line', () => {
    const reply = [
      'Here is the function:',
      '',
      `${fence}ts`,
      'export function add(a: number, b: number): number {',
      '  return a + b;',
      '}',
      fence,
      '',
      'It adds two numbers.',
    ].join('\n');
    expect(extractCodeBlocks(reply)).toEqual([
      {
        language: 'typescript',
        code: 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
        closed: true,
        startLine: 3,
      },
    ]);
  });

  it('finds several blocks and normalises language aliases', () => {
    const reply = `${fence}js\na\n${fence}\n${fence}py\nb\n${fence}\n${fence}Shell\nc\n${fence}\n${fence}yml\nd\n${fence}\n${fence}C++\ne\n${fence}\n${fence}Haskell\nf\n${fence}\n`;
    const langs = extractCodeBlocks(reply).map((b) => b.language);
    expect(langs).toEqual(['javascript', 'python', 'bash', 'yaml', 'cpp', 'haskell']);
  });

  it('returns null language for a bare fence and keeps tsx/jsx distinct', () => {
    const blocks = extractCodeBlocks(`${fence}\nx\n${fence}\n${fence}tsx\n<A/>\n${fence}\n`);
    expect(blocks.map((b) => b.language)).toEqual([null, 'tsx']);
  });

  it('keeps shorter inner fences inside a longer outer fence (nested markdown example)', () => {
    const reply = ['````markdown', '# Title', '```ts', 'const x = 1;', '```', '````', 'after'].join(
      '\n',
    );
    const blocks = extractCodeBlocks(reply);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.language).toBe('markdown');
    expect(blocks[0]?.code).toBe('# Title\n```ts\nconst x = 1;\n```\n');
    expect(blocks[0]?.closed).toBe(true);
  });

  it('supports tilde fences, which a backtick line cannot close', () => {
    const blocks = extractCodeBlocks('~~~python\nprint(1)\n```\n~~~~\n');
    expect(blocks).toEqual([
      { language: 'python', code: 'print(1)\n```\n', closed: true, startLine: 1 },
    ]);
  });

  it('marks a truncated reply as unclosed and runs the block to the end', () => {
    const blocks = extractCodeBlocks('Sure:\n```typescript\nfunction f() {\n  return');
    expect(blocks).toEqual([
      { language: 'typescript', code: 'function f() {\n  return', closed: false, startLine: 2 },
    ]);
  });

  it('never treats inline code as a block', () => {
    const reply =
      'Use `npm test` or ``a ` b`` here, and ```inline``` too.\n```js `x`\nnot a fence\n';
    expect(extractCodeBlocks(reply)).toEqual([]);
  });

  it('strips up to 3 spaces of fence indentation from content lines, and ignores 4+', () => {
    const blocks = extractCodeBlocks('  ```\n    a\n b\nc\n  ```\n\n    ```\n    indented code\n');
    expect(blocks).toEqual([{ language: null, code: '  a\nb\nc\n', closed: true, startLine: 1 }]);
  });

  it('finds fences inside list items and strips the item indentation', () => {
    const reply = ['1. Install it:', '   ```bash', '   npm install x', '   ```', '2. Done'].join(
      '\n',
    );
    expect(extractCodeBlocks(reply)).toEqual([
      { language: 'bash', code: 'npm install x\n', closed: true, startLine: 2 },
    ]);
  });

  it('ends a fence when its list item ends (unclosed), then keeps scanning', () => {
    const reply = ['- step', '  ```js', '  a()', 'outside', '```py', 'b', '```'].join('\n');
    const blocks = extractCodeBlocks(reply);
    expect(blocks.map((b) => [b.language, b.code, b.closed, b.startLine])).toEqual([
      ['javascript', 'a()\n', false, 2],
      ['python', 'b\n', true, 5],
    ]);
  });

  it('handles CRLF line endings', () => {
    expect(extractCodeBlocks('```ts\r\nconst a = 1;\r\n```\r\n')[0]?.code).toBe('const a = 1;\n');
  });

  it('reads file paths from the info string, a first-line comment, or the previous line', () => {
    const reply = [
      '```ts title="src/a.ts"',
      'a',
      '```',
      '```typescript:src/b.ts',
      'b',
      '```',
      '```python',
      '# file: app/c.py',
      'c',
      '```',
      '**src/d.ts**',
      '```ts',
      'd',
      '```',
      '`src/e.ts`',
      '```ts',
      'e',
      '```',
      'src/f.py',
      '```python',
      'f',
      '```',
      '```html',
      '<!-- file: g.html -->',
      '```',
      'Here it is:',
      '```ts',
      '// not a path here',
      '```',
    ].join('\n');
    const blocks = extractCodeBlocks(reply);
    expect(blocks.map((b) => b.path)).toEqual([
      'src/a.ts',
      'src/b.ts',
      'app/c.py',
      'src/d.ts',
      'src/e.ts',
      'src/f.py',
      'g.html',
      undefined,
    ]);
    expect(blocks[1]?.language).toBe('typescript');
    expect(blocks[2]?.code).toBe('# file: app/c.py\nc\n');
  });

  it('returns no blocks for text without fences', () => {
    expect(extractCodeBlocks('')).toEqual([]);
    expect(extractCodeBlocks('just prose\n\n    indented code\n')).toEqual([]);
  });
});

describe('normalizeLanguage', () => {
  it('maps aliases and lower-cases unknown tags', () => {
    expect(normalizeLanguage('TS')).toBe('typescript');
    expect(normalizeLanguage('node')).toBe('javascript');
    expect(normalizeLanguage('zsh')).toBe('bash');
    expect(normalizeLanguage('{python}')).toBe('python');
    expect(normalizeLanguage('Elixir')).toBe('elixir');
    expect(normalizeLanguage('')).toBeNull();
  });
});

const repliesPath = fileURLToPath(
  new URL('../../../shared/bench-data/llm-replies-dev/replies.jsonl', import.meta.url),
);

interface ReferenceBlock {
  lang: string;
  start_line: number;
  closed: boolean;
  code: string;
}

describe.skipIf(!existsSync(repliesPath))(
  'real LLM replies (../shared/bench-data/llm-replies-dev, absent outside the dev box)',
  () => {
    it('matches the CommonMark reference blocks of every reply', () => {
      const rows = readFileSync(repliesPath, 'utf8')
        .trim()
        .split('\n')
        .map(
          (line) =>
            JSON.parse(line) as {
              id: string;
              assistant_text: string;
              fenced_blocks: ReferenceBlock[];
            },
        );
      expect(rows.length).toBeGreaterThan(100);
      const mismatched = rows.filter((row) => {
        const got = extractCodeBlocks(row.assistant_text).map(({ path: _path, ...rest }) => rest);
        const want = row.fenced_blocks.map((b) => ({
          language: normalizeLanguage(b.lang),
          code: b.code,
          closed: b.closed,
          startLine: b.start_line,
        }));
        return JSON.stringify(got) !== JSON.stringify(want);
      });
      expect(mismatched.map((row) => row.id)).toEqual([]);
    });
  },
);
