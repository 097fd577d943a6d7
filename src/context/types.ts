/** Languages the symbol index parses with tree-sitter. */
export const languageIds = ['typescript', 'tsx', 'javascript', 'python'] as const;
export type LanguageId = (typeof languageIds)[number];

export const symbolKinds = [
  'function',
  'class',
  'method',
  'interface',
  'type',
  'enum',
  'variable',
] as const;
export type SymbolKind = (typeof symbolKinds)[number];

/** A definition found in a file; lines are 1-based and inclusive. */
export interface SymbolDef {
  name: string;
  kind: SymbolKind;
  /** Declaration head without its body, with a leading doc comment when there is one. */
  signature: string;
  exported: boolean;
  startLine: number;
  endLine: number;
  /** Class a method belongs to. */
  container?: string;
}

/** One import (or re-export) statement: the specifier as written and the names it brings in. */
export interface ImportRef {
  specifier: string;
  /** Imported names as exported by the other module; `*` for a namespace, `default` for a default import. */
  names: string[];
  line: number;
  /** The statement's text, for `reason` strings. */
  text: string;
  reexport: boolean;
}

/** A reference by name: a call, `new X`, or a Python call. */
export interface CallRef {
  name: string;
  line: number;
}

/** A chunk of a file for lexical retrieval; its text is read from the file when the index is built. */
export interface ChunkRange {
  startLine: number;
  endLine: number;
  /** Symbol the chunk holds, when it is one definition. */
  symbol?: string;
}

/** What the index keeps per file; cached on disk by content hash. */
export interface FileFacts {
  path: string;
  hash: string;
  language: LanguageId | 'text';
  symbols: SymbolDef[];
  imports: ImportRef[];
  calls: CallRef[];
  chunks: ChunkRange[];
}

export const contextKinds = ['instructions', 'target', 'import', 'caller', 'similar'] as const;
export type ContextKind = (typeof contextKinds)[number];

/** A piece of context that may go into a prompt, and whether the budget let it in. */
export interface ContextItem {
  kind: ContextKind;
  /** Where it comes from: a path, `path:line-line`, or `path#symbol`. */
  source: string;
  /** Why it was picked, in words a user can check. */
  reason: string;
  /** The text that goes into the prompt. */
  content: string;
  tokens: number;
  included: boolean;
}
