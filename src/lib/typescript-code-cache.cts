/**
 * Loads TypeScript's 9 MB `typescript.js` with a V8 code cache (ADR 0034): compiled once,
 * its bytecode kept on disk, so a cold CLI run (review, validate, generate) and the
 * typecheck worker skip most of the ~0.3 s compile of every start. Node 22 does this
 * for every module (`module.enableCompileCache`); Node 20 has no such switch.
 *
 * Runs before `require('typescript')` (typescript.cts) and puts the compiled module into
 * the require cache, so ESLint's parser gets the same instance. Anything unusual — no
 * installed package (the Action bundle inlines it), no writable cache folder, a cache V8
 * rejects — leaves the plain `require` to do its work. `SHIPGATE_CODE_CACHE=0` turns it off.
 * The cache is written once, by the main thread at exit, after TypeScript was used (so
 * the functions compiled by then are in it), to a temporary file renamed into place.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file on purpose (ADR 0030) */
import fs = require('node:fs');
import Module = require('node:module');
import os = require('node:os');
import path = require('node:path');
import vm = require('node:vm');
import workerThreads = require('node:worker_threads');
/* eslint-enable @typescript-eslint/no-require-imports */

interface CjsModule {
  exports: unknown;
  filename: string;
  paths: string[];
  loaded: boolean;
}
interface ModuleInternals {
  new (id: string, parent: null): CjsModule;
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
  _cache: Record<string, CjsModule>;
}

/** The environment, read here because this runs at import time, before any config loads. */
// eslint-disable-next-line no-restricted-syntax -- see above
const env = process.env;

function cacheDir(): string {
  const base = env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache');
  return path.join(base, 'shipgate', 'v8');
}

function cacheFileFor(file: string): string {
  const stat = fs.statSync(file);
  const stamp = `${process.version}-${process.arch}-${stat.size}-${Math.round(stat.mtimeMs)}`;
  return path.join(cacheDir(), `typescript-${stamp}.bin`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCacheAtExit(script: vm.Script, file: string): void {
  if (!workerThreads.isMainThread) return;
  process.once('exit', () => {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, file);
    } catch {
      // a read-only home: the next run compiles as before
    }
  });
}

/** What happened here: compiled (and a cache written at exit), from the cache, or not at all. */
type CodeCacheStatus = 'compiled' | 'cached' | 'rejected' | 'loaded-already' | 'off' | 'failed';

function preload(): CodeCacheStatus {
  if (env['SHIPGATE_CODE_CACHE'] === '0') return 'off';
  const internals = Module as unknown as ModuleInternals;
  const file = require.resolve('typescript');
  if (internals._cache[file]) return 'loaded-already';
  const cacheFile = cacheFileFor(file);
  const cachedData = readCache(cacheFile);
  const source = fs.readFileSync(file, 'utf8');
  const script = new vm.Script(internals.wrap(source), { filename: file, cachedData });
  const module = new internals(file, null);
  module.filename = file;
  module.paths = internals._nodeModulePaths(path.dirname(file));
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const localRequire = Module.createRequire(file);
  wrapper.call(module.exports, module.exports, localRequire, module, file, path.dirname(file));
  module.loaded = true;
  internals._cache[file] = module;
  if (cachedData && script.cachedDataRejected !== true) return 'cached';
  writeCacheAtExit(script, cacheFile);
  return cachedData ? 'rejected' : 'compiled';
}

function preloadOrLeave(): CodeCacheStatus {
  try {
    return preload();
  } catch {
    return 'failed'; // not installed as a package (a bundle), or unreadable: require() loads it
  }
}

const status: CodeCacheStatus = preloadOrLeave();
export = { status };
