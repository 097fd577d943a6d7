import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Parser, Query, type Tree } from 'web-tree-sitter';
import { grammarFiles } from './languages.js';
import type { LanguageId } from './types.js';

function grammarDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
}

/**
 * web-tree-sitter parsers, one per language, loaded on first use (the runtime's
 * WASM init costs ~100 ms, each grammar ~30–80 ms). Owned by whoever creates
 * it (a ContextIndexCache); no module-level state. Counts parses so tests can
 * check incremental rebuilds.
 */
export class TreeSitterParsers {
  #init: Promise<void> | undefined;
  readonly #languages = new Map<LanguageId, Promise<Language>>();
  readonly #parsers = new Map<LanguageId, Parser>();
  readonly #queries = new Map<string, Query>();
  #parses = 0;

  /** Files parsed so far by this object. */
  get parses(): number {
    return this.#parses;
  }

  async language(id: LanguageId): Promise<Language> {
    this.#init ??= Parser.init();
    await this.#init;
    let loading = this.#languages.get(id);
    if (!loading) {
      loading = Language.load(join(grammarDirectory(), grammarFiles[id]));
      this.#languages.set(id, loading);
    }
    return loading;
  }

  /** Parses `text`; the caller must `delete()` the tree when done with it. */
  async parse(id: LanguageId, text: string): Promise<Tree> {
    let parser = this.#parsers.get(id);
    if (!parser) {
      const language = await this.language(id);
      parser = new Parser();
      parser.setLanguage(language);
      this.#parsers.set(id, parser);
    }
    const tree = parser.parse(text);
    if (!tree) throw new Error(`tree-sitter returned no tree for a ${id} file`);
    this.#parses += 1;
    return tree;
  }

  /** A compiled query for a language, compiled once per object. */
  async query(id: LanguageId, source: string): Promise<Query> {
    const key = `${id}\0${source}`;
    let query = this.#queries.get(key);
    if (!query) {
      query = new Query(await this.language(id), source);
      this.#queries.set(key, query);
    }
    return query;
  }

  /** Frees the WASM memory held by the parsers and queries. */
  dispose(): void {
    for (const parser of this.#parsers.values()) parser.delete();
    for (const query of this.#queries.values()) query.delete();
    this.#parsers.clear();
    this.#queries.clear();
  }
}
