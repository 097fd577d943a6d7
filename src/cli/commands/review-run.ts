import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { Severity } from '../../gates/types.js';
import {
  gitContent,
  gitDiff,
  gitTopLevel,
  workTreeContent,
  type ContentSource,
} from '../../review/git-source.js';
import { ignoreFilePath, parseIgnoreFile, type IgnoreList } from '../../review/ignore-file.js';
import type { ModelReviewer, ReviewDeps } from '../../review/run-review.js';
import type { ReviewResult } from '../../review/types.js';
import type { CliContext } from '../context.js';

/** What to review: a diff's text (head files from the work tree), or two git revisions. */
export interface ReviewSource {
  diffText?: string;
  base?: string;
  head?: string;
}

export interface PreparedReview {
  root: string;
  source: ReviewSource;
  /** The diff of two revisions (BASE...HEAD), or BASE against the work tree. */
  diffOf(source: { base: string; head?: string }): Promise<string>;
  run(source?: ReviewSource): Promise<ReviewResult>;
}

/** Head versions from the commit when git has it, else from the work tree. */
function headContent(root: string, head: string | undefined): ContentSource {
  const tree = workTreeContent(root);
  if (!head) return tree;
  const commit = gitContent(root, head);
  return { read: async (path) => (await commit.read(path)) ?? tree.read(path) };
}

export interface PrepareOptions extends ReviewSource {
  gates?: string[];
  root?: string;
  /** An alias, false for --no-model, undefined for the configured default. */
  model?: string | false;
  failOn: Severity;
}

function diffOf(root: string, source: ReviewSource): Promise<string> {
  if (source.diffText !== undefined) return Promise.resolve(source.diffText);
  return gitDiff(root, source.base ?? 'HEAD', source.head ?? null);
}

/** Whether a unified diff changes a TypeScript file (one that needs the type program). */
function touchesTypeScript(diffText: string): boolean {
  return /^\+\+\+ b\/.*\.(ts|tsx|mts|cts)$/m.test(diffText);
}

async function readIgnore(root: string): Promise<IgnoreList | undefined> {
  try {
    return parseIgnoreFile(await readFile(join(root, ignoreFilePath), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The model reviewer when a model is configured and not refused with --no-model. */
async function modelReviewer(
  ctx: CliContext,
  root: string,
  model: string | false | undefined,
): Promise<ModelReviewer | undefined> {
  if (model === false) return undefined;
  const config = ctx.config();
  if (Object.keys(config.providers).length === 0) {
    if (model !== undefined)
      throw new ShipgateError(
        ErrorCode.NoProvider,
        `--model ${model} needs a model provider; configure one or pass --no-model`,
      );
    return undefined;
  }
  const [{ createRuntime }, { createModelReviewer }] = await Promise.all([
    import('../../runtime.js'),
    import('../../review/model/model-reviewer.js'),
  ]);
  const runtime = await createRuntime(config);
  const { loadInstructions } = await import('../../instructions/load-instructions.js');
  const files = await loadInstructions(root);
  const instructions = files
    .map((f) => `## ${f.path}\n${f.text}`)
    .join('\n\n')
    .slice(0, 8000);
  const { projectDefinitions } = await import('../../review/model/definitions.js');
  return createModelReviewer({
    instructions: instructions || undefined,
    definitions: projectDefinitions(root),
    gateway: runtime.gateway,
    model: model || undefined,
    caller: 'cli',
    close: () => runtime.close(),
  });
}

async function resolveRoot(ctx: CliContext, explicit: string | undefined): Promise<string> {
  if (explicit) return resolve(ctx.cwd, explicit);
  return (await gitTopLevel(ctx.cwd)) ?? ctx.cwd;
}

/** Loads the gates (typecheck prewarmed first: the longest path), the lint rule kinds and the ignore list. */
export async function prepareCliReview(
  ctx: CliContext,
  opts: PrepareOptions,
): Promise<PreparedReview> {
  const root = await resolveRoot(ctx, opts.root);
  const config = ctx.config();
  const { createTypecheckGate } = await import('../../gates/typecheck.js');
  const typecheck = createTypecheckGate();
  const initialDiff = diffOf(root, opts);
  initialDiff.catch(() => undefined); // reported by run()
  if (!opts.gates || opts.gates.includes('typecheck')) {
    // Build the type program ahead only when the change has TypeScript: a plain JS
    // change is checked for syntax alone (typecheck-syntax.ts), and the program's
    // seconds of CPU would only slow the other gates down.
    const diffText = await initialDiff.catch(() => null);
    if (diffText === null || touchesTypeScript(diffText)) typecheck.prewarm?.(root);
  }
  const [{ assertKnownGates, createValidator }, { loadLintKinds }, { runReview }] =
    await Promise.all([
      import('../../gates/pipeline.js'),
      import('../../review/review-severity.js'),
      import('../../review/run-review.js'),
    ]);
  const validator = createValidator({ typecheck });
  if (opts.gates) assertKnownGates(validator.gateNames, opts.gates);
  const [lintKind, ignore, model] = await Promise.all([
    loadLintKinds(),
    readIgnore(root),
    modelReviewer(ctx, root, opts.model),
  ]);
  const deps: ReviewDeps = { validator, lintKind, model };
  const initial: ReviewSource = { diffText: opts.diffText, base: opts.base, head: opts.head };
  return {
    root,
    source: initial,
    diffOf: (source) => gitDiff(root, source.base, source.head ?? null),
    async run(source = initial) {
      try {
        const diff = source === initial ? await initialDiff : await diffOf(root, source);
        const content = headContent(root, source.head);
        const input = {
          diff,
          base: source.base ?? null,
          head: source.head ?? null,
          root,
          content,
          gates: opts.gates,
          failOn: opts.failOn,
          config: config.gates,
          ignore,
          signal: ctx.signal,
        };
        return await runReview(input, deps);
      } finally {
        await model?.close?.();
      }
    },
  };
}
