import { afterAll, describe, expect, it } from 'vitest';
import { createTempProject } from '../context/test-support/project.js';
import { fitInstructions } from './fit-instructions.js';
import { loadInstructions } from './load-instructions.js';
import { splitSections } from './markdown-sections.js';

const counter = { count: (text: string) => text.split(/\s+/).filter(Boolean).length };

const agents = [
  'Preamble line.',
  '',
  '## Style',
  'Use named exports only.',
  '',
  '## Testing',
  '```md',
  '# not a heading inside a fence',
  '```',
  'Run vitest with real temp dirs and never mock the file system at all please.',
  '',
  '## Commits',
  'Small commits.',
].join('\n');

const project = createTempProject({
  'AGENTS.md': agents,
  '.shipgate/instructions.md': '# Shipgate\nAlways answer in TypeScript.\n',
  'CONVENTIONS.md': '   \n',
});
afterAll(() => project.dispose());

describe('splitSections', () => {
  it('splits at headings outside code fences', () => {
    expect(splitSections(agents).map((s) => s.heading)).toEqual([
      undefined,
      'Style',
      'Testing',
      'Commits',
    ]);
  });
});

describe('loadInstructions', () => {
  it('reads the instruction files present, in priority order, skipping empty ones', async () => {
    const files = await loadInstructions(project.root);
    expect(files.map((f) => f.path)).toEqual(['.shipgate/instructions.md', 'AGENTS.md']);
  });
});

describe('fitInstructions', () => {
  it('includes whole files when they fit', async () => {
    const items = fitInstructions(await loadInstructions(project.root), 1000, counter);
    expect(items.map((i) => [i.source, i.included])).toEqual([
      ['.shipgate/instructions.md', true],
      ['AGENTS.md', true],
    ]);
    expect(items[1]!.content).toContain('Small commits.');
  });

  it('cuts whole sections that do not fit and names them', () => {
    const [item] = fitInstructions([{ path: 'AGENTS.md', text: agents }], 22, counter);
    expect(item!.included).toBe(true);
    expect(item!.content).toContain('## Style\nUse named exports only.');
    expect(item!.content).toContain('## Commits');
    expect(item!.content).not.toContain('Run vitest');
    expect(item!.reason).toMatch(
      /^project instructions \(AGENTS\.md\); truncated: cut 1 section\(s\) "Testing" \(\d+ tokens\) to fit the budget$/,
    );
    expect(item!.tokens).toBeLessThanOrEqual(22);
  });

  it('excludes a file when not even one section fits', () => {
    const [item] = fitInstructions([{ path: 'AGENTS.md', text: agents }], 3, counter);
    expect(item!.included).toBe(false);
    expect(item!.reason).toMatch(/excluded: needs \d+ tokens, 3 left for instructions$/);
  });
});
