import { describe, expect, it } from 'vitest';
import { fitWindow, headAtLine, tailAtLine } from './context-window.js';
import {
  fimTemplateNames,
  fimTemplates,
  inferFimTemplate,
  resolveFimTemplate,
} from './fim-templates.js';
import { renderFimPrompt } from './render-prompt.js';

const parts = { prefix: 'def f(x):\n    ', suffix: '\n    return y\n' };

describe('FIM templates: the exact prompt per family', () => {
  it.each([
    ['qwen', '<|fim_prefix|>def f(x):\n    <|fim_suffix|>\n    return y\n<|fim_middle|>'],
    ['starcoder', '<fim_prefix>def f(x):\n    <fim_suffix>\n    return y\n<fim_middle>'],
    [
      'deepseek',
      '<\uFF5Cfim\u2581begin\uFF5C>def f(x):\n    <\uFF5Cfim\u2581hole\uFF5C>\n    return y\n<\uFF5Cfim\u2581end\uFF5C>',
    ],
    ['codellama', '<PRE> def f(x):\n     <SUF>\n    return y\n <MID>'],
    ['codestral', '[SUFFIX]\n    return y\n[PREFIX]def f(x):\n    '],
    ['codegemma', '<|fim_prefix|>def f(x):\n    <|fim_suffix|>\n    return y\n<|fim_middle|>'],
    ['granite', '<fim_prefix>def f(x):\n    <fim_suffix>\n    return y\n<fim_middle>'],
  ] as const)('%s', (name, expected) => {
    expect(renderFimPrompt(fimTemplates[name], parts)).toBe(expected);
  });

  it('pins the stop tokens of each family', () => {
    expect(fimTemplates.qwen.stop).toEqual([
      '<|endoftext|>',
      '<|fim_prefix|>',
      '<|fim_suffix|>',
      '<|fim_middle|>',
      '<|fim_pad|>',
      '<|repo_name|>',
      '<|file_sep|>',
      '<|im_start|>',
      '<|im_end|>',
    ]);
    expect(fimTemplates.deepseek.stop).toContain('<｜end▁of▁sentence｜>');
    expect(fimTemplates.deepseek.stop).toContain('<|EOT|>');
    expect(fimTemplates.codellama.stop[0]).toBe('<EOT>');
    expect(fimTemplates.codegemma.stop[0]).toBe('<|file_separator|>');
    expect(fimTemplates.codestral.stop).toEqual(['</s>', '[PREFIX]', '[SUFFIX]', '[MIDDLE]']);
    expect(fimTemplates.starcoder.stop).toContain('<file_sep>');
    expect(fimTemplates.granite.stop).toContain('<|endoftext|>');
  });

  it('DeepSeek tokens use U+FF5C and U+2581, not ASCII | and _', () => {
    const begin = fimTemplates.deepseek.prefix;
    expect([...begin].map((c) => c.codePointAt(0)?.toString(16))).toEqual([
      '3c',
      'ff5c',
      '66',
      '69',
      '6d',
      '2581',
      '62',
      '65',
      '67',
      '69',
      '6e',
      'ff5c',
      '3e',
    ]);
  });

  it.each([
    ['Qwen/Qwen2.5-Coder-7B', 'qwen'],
    ['qwen2.5-coder:1.5b-base', 'qwen'],
    ['bigcode/starcoder2-3b', 'starcoder'],
    ['deepseek-coder-6.7b-base', 'deepseek'],
    ['codellama/CodeLlama-7b-hf', 'codellama'],
    ['codestral-latest', 'codestral'],
    ['google/codegemma-2b', 'codegemma'],
    ['ibm-granite/granite-3b-code-base', 'granite'],
  ])('infers %s → %s', (id, family) => {
    expect(inferFimTemplate(id)?.name).toBe(family);
  });

  it('a config override wins; an unknown model asks for models.<alias>.fim', () => {
    expect(resolveFimTemplate('deepseek', 'Qwen2.5-Coder', 'a').name).toBe('deepseek');
    const custom = resolveFimTemplate({ prefix: 'P', suffix: 'S', middle: 'M' }, 'x', 'a');
    expect(renderFimPrompt(custom, { prefix: 'a', suffix: 'b' })).toBe('PaSbM');
    expect(() => resolveFimTemplate(undefined, 'gpt-4o-mini', 'fast')).toThrow(/models\.fast\.fim/);
    expect(fimTemplateNames).toHaveLength(7);
  });
});

describe('prompt context', () => {
  it('Qwen uses the repository-level format with snippets and the path', () => {
    const prompt = renderFimPrompt(fimTemplates.qwen, {
      prefix: 'const a = ',
      suffix: ';\n',
      path: 'src/a.ts',
      repo: 'shop',
      snippets: [{ path: 'src/b.ts', content: 'export const b = 1;\n' }],
    });
    expect(prompt).toBe(
      '<|repo_name|>shop\n<|file_sep|>src/b.ts\nexport const b = 1;\n<|file_sep|>src/a.ts\n' +
        '<|fim_prefix|>const a = <|fim_suffix|>;\n<|fim_middle|>',
    );
  });

  it('other families get Path: comments in the language', () => {
    const prompt = renderFimPrompt(fimTemplates.starcoder, {
      prefix: 'x = ',
      suffix: '',
      path: 'a.py',
      language: 'python',
      snippets: [{ path: 'b.py', content: 'def b():\n    pass\n' }],
    });
    expect(prompt).toBe(
      '<fim_prefix># Path: b.py\n# def b():\n#     pass\n# Path: a.py\nx = <fim_suffix><fim_middle>',
    );
  });

  it('windows cut at line boundaries and respect the budget', () => {
    expect(tailAtLine('aaa\nbbb\nccc', 6)).toBe('ccc');
    expect(headAtLine('aaa\nbbb\nccc', 6)).toBe('aaa\n');
    const long = Array.from({ length: 2000 }, (_, i) => `line ${i}`).join('\n');
    const w = fitWindow({
      prefix: long,
      suffix: long,
      snippets: [{ path: 'x', content: 'y' }],
      maxContextTokens: 256,
    });
    expect(w.prefix.length + w.suffix.length).toBeLessThanOrEqual(256 * 3.2);
    expect(w.prefix.endsWith('line 1999')).toBe(true);
    expect(w.suffix.startsWith('line 0\n')).toBe(true);
    const small = fitWindow({ prefix: 'a', suffix: 'b', snippets: [], maxContextTokens: 256 });
    expect(small).toEqual({ prefix: 'a', suffix: 'b', snippets: [] });
  });
});
