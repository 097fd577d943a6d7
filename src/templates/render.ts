import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { z } from 'zod';
import {
  collectContext,
  instructionsShare,
  resolveTargetPath,
} from '../context/collect-context.js';
import { ContextIndexCache } from '../context/context-index-cache.js';
import type { ContextItem } from '../context/types.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { TokenEstimator } from '../gateway/estimate.js';
import { findTemplate, loadTemplates } from './load-templates.js';
import { assembleMessages, type PromptMessage } from './prompt-messages.js';
import { BodyRenderer } from './render-body.js';
import type { Template } from './template-schema.js';
import { resolveVariables } from './variables.js';

export interface RenderRequest {
  /** Project root. */
  root: string;
  /** The user's spec text. */
  spec: string;
  /** Template name (default 'function'). */
  template?: string;
  variables?: Record<string, unknown>;
  /** File the generated code is for (relative to root or absolute). */
  targetFile?: string;
  /** Total prompt budget in tokens (default 8000). */
  tokenBudget?: number;
}

export interface RenderedPrompt {
  messages: PromptMessage[];
  tokenCount: number;
  template: {
    name: string;
    version: string;
    hash: string;
    task: string;
    output: 'files' | 'code';
    withTests: boolean;
    modelHints: Record<string, unknown>;
  };
  context: {
    kind: 'instructions' | 'import' | 'caller' | 'similar' | 'target';
    source: string;
    reason: string;
    tokens: number;
    included: boolean;
  }[];
}

export const defaultTokenBudget = 8000;
export const defaultTemplateName = 'function';

const requestSchema = z.object({
  root: z.string().min(1, 'root is required'),
  spec: z.string({ error: 'spec must be a string' }),
  template: z.string().min(1).optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
  targetFile: z.string().optional(),
  tokenBudget: z.number().int().positive('tokenBudget must be a positive whole number').optional(),
});

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function badRequest(message: string): ShipgateError {
  return new ShipgateError(ErrorCode.BadRequest, message);
}

const languageByExtension: Readonly<Record<string, string>> = {
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.py': 'python',
};

/** An undeclared `language` follows the target file's extension when the template allows it. */
function withInferredLanguage(
  template: Template,
  given: Record<string, unknown>,
  targetLanguage: string,
): Record<string, unknown> {
  const spec = template.variables.language;
  if (!spec || given.language !== undefined || targetLanguage === '') return given;
  if (spec.type === 'enum' && !(spec.values ?? []).includes(targetLanguage)) return given;
  return { ...given, language: targetLanguage };
}

function retrievalQuery(spec: string, variables: Record<string, unknown>): string {
  const values = Object.values(variables).flatMap((v) =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [],
  );
  return [spec, ...values].join('\n').slice(0, 4000);
}

function publicContext(items: ContextItem[]): RenderedPrompt['context'] {
  return items.map(({ kind, source, reason, tokens, included }) => ({
    kind,
    source,
    reason,
    tokens,
    included,
  }));
}

interface PreparedTask {
  template: Template;
  targetFile: string | undefined;
  variables: Record<string, unknown>;
  task: string;
}

/** Everything decided before any context is gathered: template, variables, rendered task. */
async function prepareTask(
  request: z.infer<typeof requestSchema>,
  root: string,
): Promise<PreparedTask> {
  if (request.spec.trim() === '')
    throw badRequest('the spec is empty; say what the code should do');
  const entry = findTemplate(await loadTemplates(root), request.template ?? defaultTemplateName);
  const template = entry.template;
  const targetFile = resolveTargetPath(root, request.targetFile);
  const targetLanguage = targetFile ? (languageByExtension[extname(targetFile)] ?? '') : '';
  const given = withInferredLanguage(template, request.variables ?? {}, targetLanguage);
  const variables = resolveVariables(template, given);
  const view = {
    ...variables,
    spec: request.spec.trim(),
    targetFile: targetFile ?? '',
    targetLanguage,
    withTests: template.withTests,
  };
  const task = new BodyRenderer().render(template.body, view);
  return { template, targetFile, variables, task };
}

/** Tokens the context headings add ("# Project instructions", "# Repository context", "# Task"). */
const headingTokens = 16;

/**
 * Renders the prompt for a generation: validates the variables (before any
 * model call), renders the template, then fills the rest of the token budget
 * with instructions and repository context by priority. Nothing is sent to a
 * model. Pass a ContextIndexCache to reuse parses, indexes and the tokenizer
 * across calls.
 */
export async function renderPrompt(
  request: RenderRequest,
  deps: { index?: ContextIndexCache } = {},
): Promise<RenderedPrompt> {
  const parsed = requestSchema.safeParse(request);
  if (!parsed.success) throw badRequest(parsed.error.issues.map((i) => i.message).join('; '));
  const budget = parsed.data.tokenBudget ?? defaultTokenBudget;
  const root = resolve(parsed.data.root);
  if (!isDirectory(root)) throw badRequest(`project root ${root} is not a directory`);
  const prepared = await prepareTask(parsed.data, root);
  const { template, targetFile, task } = prepared;
  const index = deps.index ?? new ContextIndexCache();
  try {
    const counter = index.tokenCounter;
    const fixed = counter.countMessages(assembleMessages(template, targetFile, task, []));
    if (fixed + headingTokens > budget) {
      throw badRequest(
        `the spec has ${counter.count(parsed.data.spec.trim())} tokens and the prompt without any context needs ${fixed}, over the budget of ${budget} tokens; shorten the spec or raise the budget`,
      );
    }
    const { items } = await collectContext({
      root,
      query: retrievalQuery(parsed.data.spec, prepared.variables),
      targetFile,
      budget: budget - fixed - headingTokens,
      instructionsCap: Math.floor(budget * instructionsShare),
      index,
      counter,
    });
    return finish(prepared, items, budget, counter);
  } finally {
    if (!deps.index) index.dispose();
  }
}

/** Assembles the messages; if token-count drift put them over budget, drops the lowest-priority items. */
function finish(
  { template, targetFile, task }: PreparedTask,
  items: ContextItem[],
  budget: number,
  counter: TokenEstimator,
): RenderedPrompt {
  let messages = assembleMessages(template, targetFile, task, items);
  let tokenCount = counter.countMessages(messages);
  for (let i = items.length - 1; i >= 0 && tokenCount > budget; i--) {
    const item = items[i];
    if (!item?.included) continue;
    items[i] = {
      ...item,
      included: false,
      reason: `${item.reason} — dropped: the assembled prompt was over the budget`,
    };
    messages = assembleMessages(template, targetFile, task, items);
    tokenCount = counter.countMessages(messages);
  }
  const { name, version, hash, task: kind, output, withTests, modelHints } = template;
  return {
    messages,
    tokenCount,
    template: { name, version, hash, task: kind, output, withTests, modelHints },
    context: publicContext(items),
  };
}
