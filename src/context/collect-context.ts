import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ErrorCode, ShipgateError } from '../errors.js';
import { fitInstructions } from '../instructions/fit-instructions.js';
import { loadInstructions } from '../instructions/load-instructions.js';
import type { ContextIndexCache, IndexBuildStats } from './context-index-cache.js';
import { gatherCandidates } from './gather-context.js';
import { packContext, separatorTokens, type TokenCounter } from './pack-context.js';
import { loadPathMapping } from './tsconfig-paths.js';
import type { ContextItem } from './types.js';
import { defaultMaxFileBytes } from './walk-files.js';

/** Instructions may take at most this share of the budget; the rest is for code. */
export const instructionsShare = 0.5;

export interface CollectRequest {
  root: string;
  /** Text to retrieve for: the spec (plus variable values). */
  query: string;
  /** Index path of the target file (see resolveTargetPath). */
  targetFile?: string;
  /** Tokens the context may take. */
  budget: number;
  /** Share of the whole prompt budget instructions may take (tokens). */
  instructionsCap: number;
  index: ContextIndexCache;
  counter: TokenCounter;
}

export interface CollectedContext {
  items: ContextItem[];
  stats: IndexBuildStats | undefined;
}

/** The target file as an index path (relative to the root, `/`-separated); outside the root is a usage error. */
export function resolveTargetPath(
  root: string,
  targetFile: string | undefined,
): string | undefined {
  if (targetFile === undefined || targetFile.trim() === '') return undefined;
  const absolute = isAbsolute(targetFile) ? targetFile : join(root, targetFile);
  const rel = relative(resolve(root), absolute).split('\\').join('/');
  if (rel === '' || rel.startsWith('../') || rel === '..' || isAbsolute(rel)) {
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `target file ${targetFile} is not inside the project root ${root}; pass a path under it`,
    );
  }
  return rel;
}

async function readTarget(root: string, target: string | undefined): Promise<string | undefined> {
  if (!target) return undefined;
  const bytes = await readFile(join(root, target)).catch(() => undefined);
  if (!bytes || bytes.length > defaultMaxFileBytes || bytes.includes(0)) return undefined;
  return bytes.toString('utf8');
}

/**
 * Everything that may go into a prompt besides the task, packed by priority
 * into the budget: instructions (capped), the target file, signatures of
 * its imports, callers of the functions being changed, similar code.
 */
export async function collectContext(request: CollectRequest): Promise<CollectedContext> {
  const root = resolve(request.root);
  const instructionBudget = Math.min(request.budget, request.instructionsCap);
  const instructions = fitInstructions(
    await loadInstructions(root),
    instructionBudget,
    request.counter,
  );
  const used = instructions
    .filter((i) => i.included)
    .reduce((sum, i) => sum + i.tokens + separatorTokens, 0);
  const index = await request.index.index(root);
  const candidates = gatherCandidates({
    index,
    query: request.query,
    targetFile: request.targetFile,
    targetText: await readTarget(root, request.targetFile),
    mapping: await loadPathMapping(root),
  });
  const code = packContext(candidates, request.budget - used, request.counter);
  return { items: [...instructions, ...code], stats: request.index.lastStats };
}
