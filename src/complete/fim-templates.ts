/**
 * Fill-in-the-middle templates: each code model family's exact special tokens and
 * the tokens that end a middle. Base (not instruct) models were trained on these
 * sequences; any other wording degrades them (docs/complete.md).
 */
import { ErrorCode, ShipgateError } from '../errors.js';

export const fimTemplateNames = [
  'qwen',
  'starcoder',
  'deepseek',
  'codellama',
  'codestral',
  'codegemma',
  'granite',
] as const;
export type FimTemplateName = (typeof fimTemplateNames)[number];

export interface FimTemplate {
  /** A family name, or `custom` for a template given in config. */
  name: FimTemplateName | 'custom';
  prefix: string;
  suffix: string;
  middle: string;
  /** Strings that end the middle (end-of-text, the FIM tokens, file separators). */
  stop: string[];
  /** `psm`: prefix, suffix, middle; `spm`: the suffix comes first (Codestral). */
  order: 'psm' | 'spm';
  /** Qwen2.5-Coder's repository-level format: `<|repo_name|>` and `<|file_sep|>`. */
  repo?: { name: string; fileSep: string };
}

/** The DeepSeek-Coder tokens spell "｜" U+FF5C (fullwidth bar) and "▁" U+2581 (lower block). */
const bar = '\uFF5C';
const low = '\u2581';
const ds = (word: string): string => `<${bar}${word}${bar}>`;

const qwenTokens = ['<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>'] as const;
const starTokens = ['<fim_prefix>', '<fim_suffix>', '<fim_middle>'] as const;

export const fimTemplates: Readonly<Record<FimTemplateName, FimTemplate>> = {
  qwen: {
    name: 'qwen',
    prefix: qwenTokens[0],
    suffix: qwenTokens[1],
    middle: qwenTokens[2],
    stop: [
      '<|endoftext|>',
      ...qwenTokens,
      '<|fim_pad|>',
      '<|repo_name|>',
      '<|file_sep|>',
      '<|im_start|>',
      '<|im_end|>',
    ],
    order: 'psm',
    repo: { name: '<|repo_name|>', fileSep: '<|file_sep|>' },
  },
  starcoder: {
    name: 'starcoder',
    prefix: starTokens[0],
    suffix: starTokens[1],
    middle: starTokens[2],
    stop: ['<|endoftext|>', ...starTokens, '<fim_pad>', '<file_sep>', '<repo_name>', '<filename>'],
    order: 'psm',
  },
  deepseek: {
    name: 'deepseek',
    prefix: ds(`fim${low}begin`),
    suffix: ds(`fim${low}hole`),
    middle: ds(`fim${low}end`),
    stop: [
      ds(`fim${low}begin`),
      ds(`fim${low}hole`),
      ds(`fim${low}end`),
      ds(`end${low}of${low}sentence`),
      '<|EOT|>',
    ],
    order: 'psm',
  },
  codellama: {
    // Meta's reference: "<PRE> " + prefix + " <SUF>" + suffix + " <MID>", ended by <EOT>.
    name: 'codellama',
    prefix: '<PRE> ',
    suffix: ' <SUF>',
    middle: ' <MID>',
    stop: ['<EOT>', '</s>', '<PRE>', '<SUF>', '<MID>'],
    order: 'psm',
  },
  codestral: {
    name: 'codestral',
    prefix: '[PREFIX]',
    suffix: '[SUFFIX]',
    middle: '',
    stop: ['</s>', '[PREFIX]', '[SUFFIX]', '[MIDDLE]'],
    order: 'spm',
  },
  codegemma: {
    name: 'codegemma',
    prefix: qwenTokens[0],
    suffix: qwenTokens[1],
    middle: qwenTokens[2],
    stop: ['<|file_separator|>', ...qwenTokens, '<end_of_turn>', '<eos>'],
    order: 'psm',
  },
  granite: {
    // Granite Code (3b…34b-code) uses the StarCoder tokenizer's FIM tokens.
    name: 'granite',
    prefix: starTokens[0],
    suffix: starTokens[1],
    middle: starTokens[2],
    stop: ['<|endoftext|>', ...starTokens, '<fim_pad>', '<filename>'],
    order: 'psm',
  },
};

/** Model id patterns → family, first match wins (ids like `Qwen/Qwen2.5-Coder-7B`, `qwen2.5-coder:7b-base`). */
const inference: ReadonlyArray<readonly [RegExp, FimTemplateName]> = [
  [/qwen/i, 'qwen'],
  [/deepseek/i, 'deepseek'],
  [/codestral|mistral/i, 'codestral'],
  [/codegemma/i, 'codegemma'],
  [/granite/i, 'granite'],
  [/code-?llama/i, 'codellama'],
  [/starcoder|santacoder|stable-?code|refact/i, 'starcoder'],
];

/** The family a model id belongs to, or null when it is not a known FIM family. */
export function inferFimTemplate(modelId: string): FimTemplate | null {
  const hit = inference.find(([pattern]) => pattern.test(modelId));
  return hit ? fimTemplates[hit[1]] : null;
}

export interface CustomFimSetting {
  prefix: string;
  suffix: string;
  middle: string;
  stop?: string[];
}

export type FimSetting = FimTemplateName | CustomFimSetting;

/**
 * The template for a model: `models.<alias>.fim` when set (a family name or
 * explicit tokens), else inferred from the model id; a ConfigInvalid error that
 * says how to fix it when neither applies.
 */
export function resolveFimTemplate(
  setting: FimSetting | undefined,
  modelId: string,
  alias: string,
): FimTemplate {
  if (typeof setting === 'string') return fimTemplates[setting];
  if (setting) return { name: 'custom', order: 'psm', stop: [], ...setting };
  const inferred = inferFimTemplate(modelId);
  if (inferred) return inferred;
  throw new ShipgateError(
    ErrorCode.ConfigInvalid,
    `model "${alias}" (${modelId}) has no known fill-in-the-middle template; set models.${alias}.fim to one of ${fimTemplateNames.join(', ')} or to {prefix, suffix, middle, stop}`,
  );
}
