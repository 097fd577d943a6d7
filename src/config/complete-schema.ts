/** Config for editor completions (issue 13): `complete:` and `models.<alias>.fim|path`. */
import { z } from 'zod';
import { fimTemplateNames } from '../complete/fim-templates.js';

export const fimSettingSchema = z
  .union([
    z.enum(fimTemplateNames),
    z.strictObject({
      prefix: z.string().min(1),
      suffix: z.string().min(1),
      middle: z.string(),
      stop: z.array(z.string().min(1)).max(32).default([]),
    }),
  ])
  .describe(
    'Fill-in-the-middle template: a family name or {prefix, suffix, middle, stop}; inferred from the model id when absent.',
  );

export const modelPathSchema = z
  .string()
  .min(1)
  .describe('Embedded provider: path to the GGUF file (relative paths: under $home/models).');

export const completeConfigSchema = z
  .strictObject({
    maxContextTokens: z
      .number()
      .int()
      .min(64)
      .max(131_072)
      .default(2_048)
      .describe('Prompt budget: prefix, suffix, path header and snippets.'),
    maxTokens: z
      .number()
      .int()
      .min(1)
      .max(2_048)
      .default(128)
      .describe('Default completion length in tokens.'),
    deadlineMs: z
      .number()
      .int()
      .min(50)
      .max(60_000)
      .default(2_000)
      .describe('A completion not back by then is abandoned (504).'),
    cacheEntries: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(512)
      .describe('Recent completions kept to answer the same or a typed-through prefix.'),
    debounceMs: z
      .number()
      .int()
      .min(0)
      .max(5_000)
      .default(75)
      .describe('`shipgate lsp`: wait this long after a keystroke before asking.'),
  })
  .prefault({});

export const embeddedConfigSchema = z
  .strictObject({
    threads: z
      .number()
      .int()
      .min(1)
      .max(256)
      .optional()
      .describe('CPU threads per context (default: node-llama-cpp picks).'),
    slots: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(2)
      .describe('Concurrent generations per model (one context each); more calls queue.'),
    contextSize: z.number().int().min(256).max(131_072).default(4_096),
  })
  .prefault({});
