import { snippet, type ContextCandidate } from './candidate.js';
import { callerCandidates, changedSymbols } from './context-callers.js';
import { importCandidates } from './context-imports.js';
import { similarCandidates } from './context-similar.js';
import { fenceTag } from './languages.js';
import type { RepoIndex } from './repo-index.js';
import type { PathMapping } from './tsconfig-paths.js';

export interface GatherOptions {
  index: RepoIndex;
  /** Text to match against: the spec plus the template variables' values. */
  query: string;
  /** The file being generated or changed, relative to the root with `/`. */
  targetFile?: string;
  /** Its current content when it exists but is not indexed (another language, ignored). */
  targetText?: string;
  mapping?: PathMapping;
}

function targetCandidate(options: GatherOptions): ContextCandidate | undefined {
  const { index, targetFile } = options;
  if (!targetFile) return undefined;
  const text = index.text(targetFile) ?? options.targetText;
  if (text === undefined) return undefined;
  const fence = fenceTag(targetFile);
  const symbols = (index.files.get(targetFile)?.symbols ?? []).filter((s) => s.kind !== 'method');
  const outline = symbols.map((s) => s.signature).join('\n\n');
  return {
    kind: 'target',
    source: targetFile,
    reason: 'the file being changed (its current content)',
    content: snippet(`Current content of \`${targetFile}\`:`, fence, text),
    ...(outline
      ? {
          fallback: {
            content: snippet(`Outline of \`${targetFile}\` (signatures only):`, fence, outline),
            reason: 'outline only: the whole file does not fit',
          },
        }
      : {}),
  };
}

/**
 * Candidates in priority order: the target file, the signatures of what it
 * imports, callers of the functions being changed, then code similar to the
 * spec. Instructions are added ahead of these by the caller.
 */
export function gatherCandidates(options: GatherOptions): ContextCandidate[] {
  const { index, query, targetFile, mapping } = options;
  const target = targetCandidate(options);
  const imports = targetFile ? importCandidates(index, targetFile, mapping) : [];
  const callers = callerCandidates(
    index,
    changedSymbols(index, query, targetFile),
    targetFile,
    mapping,
  );
  const taken = callers.flatMap((c) => (c.lines ? [c.lines] : []));
  const similar = similarCandidates(index, query, targetFile, taken);
  return [...(target ? [target] : []), ...imports, ...callers, ...similar];
}
