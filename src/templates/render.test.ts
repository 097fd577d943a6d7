import { afterAll, describe, expect, it } from 'vitest';
import { ContextIndexCache } from '../context/context-index-cache.js';
import { createTempProject, sampleProject } from '../context/test-support/project.js';
import { ShipgateError } from '../errors.js';
import { extractCodeBlocks } from '../extract/extract.js';
import { builtinTemplates } from './load-templates.js';
import { renderPrompt } from './render.js';

const project = createTempProject({
  ...sampleProject,
  'AGENTS.md': '# Conventions\nUse named exports. Money is always in cents.\n',
});
const index = new ContextIndexCache({ persist: false });
afterAll(() => {
  index.dispose();
  project.dispose();
});

async function rejection(promise: Promise<unknown>): Promise<ShipgateError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShipgateError);
  return error as ShipgateError;
}

describe('renderPrompt', () => {
  it('renders the function template with instructions and repository context by priority', async () => {
    const prompt = await renderPrompt(
      {
        root: project.root,
        spec: 'Add a cartTotalWithTax function that adds VAT to cartTotal.',
        targetFile: 'src/cart.ts',
        variables: { examples: ['1000 cents at 20% → "12.00"'] },
      },
      { index },
    );
    expect(prompt.messages.map((m) => m.role)).toEqual(['system', 'user']);
    const [system, user] = prompt.messages.map((m) => m.content);
    expect(system).toContain('Output contract');
    expect(system).toContain('Money is always in cents.');
    expect(user).toMatch(/^# Repository context\n\nCurrent content of `src\/cart\.ts`:/);
    expect(user).toContain('## ✅ Must hold\n\n- ✅ 1000 cents at 20% → "12.00"');
    expect(user).toContain('Write the function to `src/cart.ts`');
    expect(prompt.context.map((c) => c.kind).slice(0, 4)).toEqual([
      'instructions',
      'target',
      'import',
      'import',
    ]);
    expect(prompt.context.find((c) => c.kind === 'caller')?.source).toBe('src/checkout.ts:3-6');
    expect(prompt.tokenCount).toBe(index.tokenCounter.countMessages(prompt.messages));
    expect(prompt.tokenCount).toBeLessThanOrEqual(8000);
    const builtin = builtinTemplates().find((t) => t.name === 'function');
    expect(prompt.template).toEqual({
      name: 'function',
      version: '1.0.0',
      hash: builtin?.hash,
      task: 'generate',
      output: 'files',
      withTests: true,
      modelHints: { temperature: 0, maxOutputTokens: 4096 },
    });
    expect(prompt.template.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('states an output contract that extractCodeBlocks parses, path included', async () => {
    const prompt = await renderPrompt(
      { root: project.root, spec: 'a slugify function' },
      { index },
    );
    const blocks = extractCodeBlocks(prompt.messages[0]!.content);
    expect(blocks).toEqual([
      expect.objectContaining({ path: 'src/example.ts', language: 'typescript', closed: true }),
    ]);
  });

  it('keeps the whole prompt within a small budget, saying what was left out', async () => {
    const prompt = await renderPrompt(
      {
        root: project.root,
        spec: 'cartTotal should round',
        targetFile: 'src/cart.ts',
        tokenBudget: 600,
      },
      { index },
    );
    expect(prompt.tokenCount).toBeLessThanOrEqual(600);
    const excluded = prompt.context.filter((c) => !c.included);
    expect(excluded.length).toBeGreaterThan(0);
    expect(excluded[0]!.reason).toMatch(/excluded: needs \d+ tokens, \d+ left/);
  });

  it('infers the language variable from a Python target', async () => {
    const prompt = await renderPrompt(
      { root: project.root, spec: 'a discount function', targetFile: 'py/shop/discount.py' },
      { index },
    );
    expect(prompt.messages[1]!.content).toContain(
      'Implement the function described below, in python.',
    );
  });

  it('rejects an empty spec and a spec over the budget, naming the numbers', async () => {
    const empty = await rejection(renderPrompt({ root: project.root, spec: '  ' }, { index }));
    expect(empty.code).toBe('bad_request');
    expect(empty.message).toMatch(/spec is empty/);
    const long = 'word '.repeat(400);
    const over = await rejection(
      renderPrompt({ root: project.root, spec: long, tokenBudget: 300 }, { index }),
    );
    expect(over.message).toMatch(
      /^the spec has 400 tokens and the prompt without any context needs \d+, over the budget of 300 tokens/,
    );
  });

  it('rejects a root that is not a directory', async () => {
    const error = await rejection(
      renderPrompt({ root: `${project.root}/nope`, spec: 'x' }, { index }),
    );
    expect(error.message).toMatch(/project root .*nope is not a directory/);
  });

  it('validates variables before any parsing or retrieval', async () => {
    const fresh = new ContextIndexCache({ persist: false });
    const missing = await rejection(
      renderPrompt(
        { root: project.root, spec: 'simplify', template: 'refactor' },
        { index: fresh },
      ),
    );
    expect(missing.message).toMatch(/template "refactor" needs variable "selection" \(a string/);
    const wrong = await rejection(
      renderPrompt(
        {
          root: project.root,
          spec: 'tests',
          template: 'unit-tests',
          variables: { coverageTarget: 'high' },
        },
        { index: fresh },
      ),
    );
    expect(wrong.message).toBe(
      'variable "coverageTarget" of template "unit-tests" must be a number; got "high" (string)',
    );
    expect(fresh.parses).toBe(0);
    fresh.dispose();
  });

  it('renders the code-output contract for refactor with the selection', async () => {
    const prompt = await renderPrompt(
      {
        root: project.root,
        spec: 'use early returns',
        template: 'refactor',
        targetFile: 'src/cart.ts',
        variables: { selection: 'if (a) { if (b) { return 1; } }', goals: ['flatter'] },
      },
      { index },
    );
    expect(prompt.template.output).toBe('code');
    expect(prompt.messages[0]!.content).toContain('exactly one fenced code block');
    expect(prompt.messages[1]!.content).toContain('~~~\nif (a) { if (b) { return 1; } }\n~~~');
  });
});
