/**
 * The definitions a changed file uses, for the model review's prompt (issue 12.3):
 * the signatures of what the file imports from the project, found by the context
 * module's index (src/context) and packed into a small token budget. Only for a
 * review of a project on disk (the CLI and the Action): `/api/review` gets file
 * contents from a client and never reads the server's disk into a prompt.
 */
import { ContextIndexCache } from '../../context/context-index-cache.js';
import { importCandidates } from '../../context/context-imports.js';
import { packContext } from '../../context/pack-context.js';
import type { RepoIndex } from '../../context/repo-index.js';
import { loadPathMapping, type PathMapping } from '../../context/tsconfig-paths.js';
import { estimateTokens } from './chunks.js';

/** Definitions text for a changed file ('' when there is nothing to add). */
export type DefinitionsFor = (path: string) => Promise<string>;

/** Tokens the definitions of one file may take in a prompt. */
export const definitionsBudget = 1_500;

export function projectDefinitions(root: string, budget = definitionsBudget): DefinitionsFor {
  let indexed: Promise<{ index: RepoIndex; mapping: PathMapping | undefined }> | undefined;
  const load = async () => {
    const cache = new ContextIndexCache();
    const [index, mapping] = await Promise.all([cache.index(root), loadPathMapping(root)]);
    return { index, mapping };
  };
  return async (path) => {
    indexed ??= load();
    const { index, mapping } = await indexed;
    const candidates = importCandidates(index, path, mapping);
    const packed = packContext(candidates, budget, { count: estimateTokens });
    return packed
      .filter((item) => item.included)
      .map((item) => item.content)
      .join('\n\n');
  };
}
