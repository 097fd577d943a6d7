import MiniSearch from 'minisearch';
import { codeTerms } from './search-terms.js';
import type { CallRef, ChunkRange, FileFacts, SymbolDef } from './types.js';

export interface Located<T> {
  path: string;
  item: T;
}

export interface ChunkHit {
  path: string;
  chunk: ChunkRange;
  score: number;
  /** Query terms that matched. */
  terms: string[];
}

export interface SearchOptions {
  limit?: number;
  /** Paths whose chunks are not wanted (the target file, files already included). */
  exclude?: (path: string) => boolean;
}

interface ChunkDoc {
  id: number;
  text: string;
  symbol: string;
  path: string;
}

function groupBy<T>(entries: Located<T>[], key: (item: T) => string): Map<string, Located<T>[]> {
  const out = new Map<string, Located<T>[]>();
  for (const entry of entries) {
    const k = key(entry.item);
    const list = out.get(k);
    if (list) list.push(entry);
    else out.set(k, [entry]);
  }
  return out;
}

/**
 * The symbol index and lexical index of one project at one moment: definitions
 * by name, call sites by name, and BM25 (MiniSearch) over code chunks. Built by
 * ContextIndexCache; immutable once built.
 */
export class RepoIndex {
  readonly root: string;
  readonly files: ReadonlyMap<string, FileFacts>;
  readonly #texts: ReadonlyMap<string, string>;
  readonly #definitions: Map<string, Located<SymbolDef>[]>;
  readonly #calls: Map<string, Located<CallRef>[]>;
  #search:
    { engine: MiniSearch<ChunkDoc>; docs: { path: string; chunk: ChunkRange }[] } | undefined;

  constructor(root: string, files: FileFacts[], texts: ReadonlyMap<string, string>) {
    this.root = root;
    this.files = new Map(files.map((f) => [f.path, f]));
    this.#texts = texts;
    const defs = files.flatMap((f) => f.symbols.map((item) => ({ path: f.path, item })));
    const calls = files.flatMap((f) => f.calls.map((item) => ({ path: f.path, item })));
    this.#definitions = groupBy(defs, (s) => s.name);
    this.#calls = groupBy(calls, (c) => c.name);
  }

  text(path: string): string | undefined {
    return this.#texts.get(path);
  }

  /** Lines `startLine..endLine` (1-based, inclusive) of an indexed file. */
  lines(path: string, startLine: number, endLine: number): string {
    const text = this.#texts.get(path) ?? '';
    return text
      .split('\n')
      .slice(startLine - 1, endLine)
      .join('\n');
  }

  definitions(name: string): Located<SymbolDef>[] {
    return this.#definitions.get(name) ?? [];
  }

  callSites(name: string): Located<CallRef>[] {
    return this.#calls.get(name) ?? [];
  }

  /** The innermost definition of `path` that contains `line`. */
  enclosingSymbol(path: string, line: number): SymbolDef | undefined {
    const symbols = this.files.get(path)?.symbols ?? [];
    return symbols
      .filter((s) => s.startLine <= line && line <= s.endLine)
      .sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine))[0];
  }

  /** BM25 search of code chunks; the engine is built on first use. */
  search(query: string, options: SearchOptions = {}): ChunkHit[] {
    const index = this.#searchIndex();
    const hits = index.engine.search(query, { combineWith: 'OR' });
    const out: ChunkHit[] = [];
    for (const hit of hits) {
      const doc = index.docs[hit.id as number];
      if (!doc || options.exclude?.(doc.path)) continue;
      out.push({ path: doc.path, chunk: doc.chunk, score: hit.score, terms: hit.terms });
      if (out.length >= (options.limit ?? 10)) break;
    }
    return out;
  }

  /** Number of chunks in the lexical index. */
  get chunkCount(): number {
    return this.#searchIndex().docs.length;
  }

  #searchIndex(): { engine: MiniSearch<ChunkDoc>; docs: { path: string; chunk: ChunkRange }[] } {
    if (this.#search) return this.#search;
    const engine = new MiniSearch<ChunkDoc>({
      fields: ['text', 'symbol', 'path'],
      tokenize: codeTerms,
      processTerm: (term) => term,
      searchOptions: { boost: { symbol: 2, path: 0.5 } },
    });
    const docs: { path: string; chunk: ChunkRange }[] = [];
    const batch: ChunkDoc[] = [];
    for (const facts of this.files.values()) {
      const lines = (this.#texts.get(facts.path) ?? '').split('\n');
      for (const chunk of facts.chunks) {
        const text = lines.slice(chunk.startLine - 1, chunk.endLine).join('\n');
        batch.push({ id: docs.length, text, symbol: chunk.symbol ?? '', path: facts.path });
        docs.push({ path: facts.path, chunk });
      }
    }
    engine.addAll(batch);
    this.#search = { engine, docs };
    return this.#search;
  }
}
