import { extname } from 'node:path';
import type { LanguageId } from './types.js';

const byExtension: Readonly<Record<string, LanguageId>> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.py': 'python',
};

/** Other source files worth lexical retrieval (line-window chunks, no symbols). */
const textExtensions: ReadonlySet<string> = new Set([
  '.go',
  '.rs',
  '.java',
  '.kt',
  '.rb',
  '.php',
  '.cs',
  '.sql',
  '.prisma',
  '.graphql',
  '.proto',
  '.vue',
  '.svelte',
]);

/** The tree-sitter language of a file, `text` for other indexed sources, undefined to skip it. */
export function languageForPath(path: string): LanguageId | 'text' | undefined {
  if (path.endsWith('.d.ts')) return 'typescript';
  const ext = extname(path).toLowerCase();
  return byExtension[ext] ?? (textExtensions.has(ext) ? 'text' : undefined);
}

/** Fence tag for a file's language in a prompt. */
export function fenceTag(path: string): string {
  const language = languageForPath(path);
  if (language === 'typescript' || language === 'tsx') return 'ts';
  if (language === 'javascript') return 'js';
  if (language === 'python') return 'python';
  return extname(path).slice(1).toLowerCase();
}

/** Grammar file in @vscode/tree-sitter-wasm for each language. */
export const grammarFiles: Readonly<Record<LanguageId, string>> = {
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  python: 'tree-sitter-python.wasm',
};
