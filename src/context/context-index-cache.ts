import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TokenEstimator } from '../gateway/estimate.js';
import { analyzeFile } from './analyze-file.js';
import { defaultCachePath, readIndexStore, writeIndexStore } from './index-store.js';
import { languageForPath } from './languages.js';
import { RepoIndex } from './repo-index.js';
import { TreeSitterParsers } from './tree-sitter-parsers.js';
import type { FileFacts } from './types.js';
import { defaultMaxFileBytes, listProjectFiles } from './walk-files.js';

export interface ContextIndexCacheOptions {
  /** Where a project's cache file lives (default `<root>/.shipgate/cache/index.json`). */
  cachePath?: (root: string) => string;
  /** False keeps the cache in memory only (default true). */
  persist?: boolean;
  /** Larger files are skipped (default 512 KiB). */
  maxFileBytes?: number;
  /**
   * Long-lived processes (server, job workers): an index built less than this long
   * ago is reused without listing and hashing the files again, and concurrent calls
   * share one build. Default 0: every call re-lists (the CLI, tests).
   */
  freshMs?: number;
}

/** What the last `index()` call did, for tests, logs and the `context` command. */
export interface IndexBuildStats {
  files: number;
  parsed: number;
  reused: number;
  skipped: number;
  durationMs: number;
  cacheWritten: boolean;
}

interface ReadFile {
  path: string;
  text: string;
  hash: string;
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Builds and caches project indexes. Every build re-lists and re-hashes the
 * files; only files whose content hash changed are parsed again (the facts of
 * the others come from memory or the on-disk cache). One object owns the
 * tree-sitter parsers: create it once and pass it around.
 */
export class ContextIndexCache {
  readonly parsers = new TreeSitterParsers();
  readonly #options: ContextIndexCacheOptions;
  readonly #memory = new Map<string, Map<string, FileFacts>>();
  /** The last index per root and the file hashes it was built from, reused while nothing changed. */
  readonly #built = new Map<string, { key: string; index: RepoIndex }>();
  /** o200k_base token counter, shared by every prompt rendered with this cache (its init costs ~1 s). */
  readonly tokenCounter = new TokenEstimator();
  #lastStats: IndexBuildStats | undefined;

  constructor(options: ContextIndexCacheOptions = {}) {
    this.#options = options;
  }

  /** Files parsed by this object since it was created. */
  get parses(): number {
    return this.parsers.parses;
  }

  get lastStats(): IndexBuildStats | undefined {
    return this.#lastStats;
  }

  cachePath(root: string): string {
    return (this.#options.cachePath ?? defaultCachePath)(resolve(root));
  }

  /** Per root: the last build and when it finished (null while it runs). */
  readonly #fresh = new Map<string, { at: number | null; index: Promise<RepoIndex> }>();

  async index(rootPath: string): Promise<RepoIndex> {
    const root = resolve(rootPath);
    const freshMs = this.#options.freshMs ?? 0;
    if (freshMs <= 0) return this.#build(root);
    const recent = this.#fresh.get(root);
    if (recent && (recent.at === null || performance.now() - recent.at < freshMs))
      return recent.index;
    const entry: { at: number | null; index: Promise<RepoIndex> } = {
      at: null,
      index: this.#build(root),
    };
    this.#fresh.set(root, entry);
    entry.index.then(
      () => (entry.at = performance.now()),
      () => this.#fresh.delete(root),
    );
    return entry.index;
  }

  async #build(root: string): Promise<RepoIndex> {
    const started = performance.now();
    const known = await this.#known(root);
    const listed = await listProjectFiles(root, {
      include: (p) => languageForPath(p) !== undefined,
    });
    const read = await this.#readAll(root, listed);
    const files: FileFacts[] = [];
    let parsed = 0;
    for (const file of read) {
      const previous = known.get(file.path);
      if (previous?.hash === file.hash) {
        files.push(previous);
        continue;
      }
      const language = languageForPath(file.path) ?? 'text';
      files.push(await analyzeFile(this.parsers, file.path, file.hash, file.text, language));
      parsed += 1;
    }
    const changed = parsed > 0 || files.length !== known.size;
    this.#memory.set(root, new Map(files.map((f) => [f.path, f])));
    const persist = this.#options.persist !== false && changed;
    const cacheWritten = persist ? await writeIndexStore(this.cachePath(root), files) : false;
    this.#lastStats = {
      files: files.length,
      parsed,
      reused: files.length - parsed,
      skipped: listed.length - read.length,
      durationMs: performance.now() - started,
      cacheWritten,
    };
    const key = sha256(files.map((f) => `${f.path}\0${f.hash}`).join('\n'));
    const built = this.#built.get(root);
    if (built?.key === key) return built.index;
    const index = new RepoIndex(root, files, new Map(read.map((f) => [f.path, f.text])));
    this.#built.set(root, { key, index });
    return index;
  }

  /** Frees the parsers' WASM memory. */
  dispose(): void {
    this.parsers.dispose();
  }

  async #known(root: string): Promise<Map<string, FileFacts>> {
    const inMemory = this.#memory.get(root);
    if (inMemory) return inMemory;
    if (this.#options.persist === false) return new Map();
    return readIndexStore(this.cachePath(root));
  }

  async #readAll(root: string, paths: string[]): Promise<ReadFile[]> {
    const max = this.#options.maxFileBytes ?? defaultMaxFileBytes;
    const results: (ReadFile | undefined)[] = [];
    // Bounded batches: a large repository must not exhaust file descriptors.
    for (let i = 0; i < paths.length; i += 64) {
      const batch = paths.slice(i, i + 64).map(async (path): Promise<ReadFile | undefined> => {
        const bytes = await readFile(join(root, path)).catch(() => undefined);
        if (!bytes || bytes.length > max || bytes.subarray(0, 8192).includes(0)) return undefined;
        return { path, text: bytes.toString('utf8'), hash: sha256(bytes) };
      });
      results.push(...(await Promise.all(batch)));
    }
    return results.filter((r): r is ReadFile => r !== undefined);
  }
}
