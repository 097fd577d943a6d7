import { isAbsolute, relative, resolve, sep } from 'node:path';
import { extractCodeBlocks, type ExtractedBlock } from '../extract/extract.js';
import { parseStructuredFiles } from './structured-output.js';
import type { GeneratedFile, GenerateFinding } from './types.js';

/** Blocks without a path in these languages are commands or output, not files. */
const notFileLanguages = new Set(['bash', 'sh', 'shell', 'console', 'powershell', 'text', 'diff']);

const extensionByLanguage: Record<string, string> = {
  typescript: 'ts',
  tsx: 'tsx',
  javascript: 'js',
  jsx: 'jsx',
  python: 'py',
  json: 'json',
};

const testFile = /\.(test|spec)\.[cm]?[jt]sx?$/i;

export function isTestPath(path: string): boolean {
  return testFile.test(path);
}

/** `src/sum.ts` → `src/sum.test.ts`. */
export function testPathFor(path: string): string {
  const match = /^(.*?)(\.[cm]?[jt]sx?)$/i.exec(path);
  return match ? `${match[1]}.test${match[2]}` : `${path}.test.ts`;
}

/** Root-relative posix path, or null when `path` leaves the root. */
export function insideRoot(root: string, path: string): string | null {
  const rel = relative(resolve(root), resolve(root, path));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return rel.split(sep).join('/');
}

export interface ParsedOutput {
  files: GeneratedFile[];
  /** Problems with the answer itself (paths outside the root, truncated blocks). */
  findings: GenerateFinding[];
}

export interface ParseOptions {
  root: string;
  /** Where a block without a path goes (root-relative). */
  targetFile?: string;
  /** Tests were asked for: a second unnamed block becomes the target's test file. */
  withTests: boolean;
}

function answerFinding(file: string, rule: string, message: string): GenerateFinding {
  return { file, gate: 'generate', rule, severity: 'high', message, line: 1, blocking: true };
}

function unnamedPath(block: ExtractedBlock, index: number, options: ParseOptions): string | null {
  if (block.language && notFileLanguages.has(block.language)) return null;
  const target =
    options.targetFile ?? `generated.${extensionByLanguage[block.language ?? ''] ?? 'ts'}`;
  if (index === 0) return target;
  if (index === 1 && options.withTests) return testPathFor(target);
  return null;
}

/**
 * Turns a model's answer into files: each fenced block with a path hint is that file
 * (the last block wins when a path repeats); the first block without one is the target
 * file, the second (with tests) its test file; other unnamed blocks are examples and
 * are dropped. Paths leaving the project root are findings, never files.
 */
export function parseModelOutput(text: string, options: ParseOptions): ParsedOutput {
  const structured = parseStructuredFiles(text);
  if (structured) return checkedFiles(structured.files, options.root);
  const files = new Map<string, string>();
  const findings: GenerateFinding[] = [];
  let unnamed = 0;
  for (const block of extractCodeBlocks(text)) {
    if (block.code.trim() === '') continue;
    const hinted = block.path?.replace(/\\/g, '/');
    const path = hinted ?? unnamedPath(block, unnamed, options);
    if (!hinted && path) unnamed += 1;
    if (!path) continue;
    const rel = insideRoot(options.root, path);
    if (rel === null) {
      findings.push(
        answerFinding(
          path,
          'path-outside-root',
          `The path "${path}" is outside the project; use a path relative to the project root.`,
        ),
      );
      continue;
    }
    if (!block.closed) {
      findings.push(
        answerFinding(
          rel,
          'truncated-block',
          'The answer ended inside this code block (output cut off?). Answer with complete, shorter files.',
        ),
      );
    }
    files.set(rel, block.code);
  }
  return { files: [...files].map(([path, content]) => ({ path, content })), findings };
}

/** Structured (JSON) answers: the same root check as fenced blocks, no guessing of paths. */
function checkedFiles(answer: { path: string; content: string }[], root: string): ParsedOutput {
  const files = new Map<string, string>();
  const findings: GenerateFinding[] = [];
  for (const file of answer) {
    const rel = insideRoot(root, file.path.replace(/\\/g, '/'));
    if (rel === null)
      findings.push(
        answerFinding(
          file.path,
          'path-outside-root',
          `The path "${file.path}" is outside the project; use a path relative to the project root.`,
        ),
      );
    else files.set(rel, file.content);
  }
  return { files: [...files].map(([path, content]) => ({ path, content })), findings };
}
