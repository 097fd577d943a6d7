/**
 * Bundles the GitHub Action (action.yml) with esbuild: action/index.js and the typecheck
 * worker beside it (ESM: action/package.json says so). `--check` rebuilds in memory and fails when the committed bundle differs
 * (CI runs it: the bundle must be up to date).
 *   node --import tsx src/github/build-action.ts [--check]
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const actionBuildOptions: BuildOptions = {
  absWorkingDir: repo,
  entryPoints: {
    index: 'src/github/action-main.ts',
    'typecheck-worker': 'src/gates/typecheck-worker.ts',
  },
  outdir: 'action',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (TypeScript, ESLint) call require() for node built-ins.
  banner: {
    js: [
      "import { createRequire as __cr } from 'node:module';",
      "import { fileURLToPath as __fu } from 'node:url';",
      "import { dirname as __dn } from 'node:path';",
      'const require = __cr(import.meta.url);',
      'const __filename = __fu(import.meta.url);',
      'const __dirname = __dn(__filename);',
    ].join(' '),
  },
  // The model path (AI SDK, database drivers) is not in the action: it runs the gates.
  external: [
    'better-sqlite3',
    'pg',
    'ioredis',
    'bullmq',
    'node-llama-cpp',
    'web-tree-sitter',
    '@vscode/tree-sitter-wasm',
    'fsevents',
  ],
};

/** TypeScript reads its lib.*.d.ts beside its own code (the chunk holding it). */
function copyTypescriptLibs(): void {
  const from = join(repo, 'node_modules', 'typescript', 'lib');
  const to = join(repo, 'action', 'chunks');
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from))
    if (/^lib\..*\.d\.ts$/.test(name)) copyFileSync(join(from, name), join(to, name));
}

/**
 * The typecheck client starts `./typecheck-worker.js` beside its own code, and esbuild may
 * put that code in a chunk: a one-line entry there keeps the worker from failing to start
 * (the check then ran inline, on the main thread, in every Action run).
 */
const chunkWorkerEntry = join(repo, 'action', 'chunks', 'typecheck-worker.js');

function writeChunkWorkerEntry(): void {
  writeFileSync(chunkWorkerEntry, workerEntryShim);
}

export const workerEntryShim = "import '../typecheck-worker.js';\n";

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  if (!check) rmSync(join(repo, 'action', 'chunks'), { recursive: true, force: true });
  const result = await build({ ...actionBuildOptions, write: !check, metafile: true });
  if (!check) {
    copyTypescriptLibs();
    writeChunkWorkerEntry();
    for (const [file, info] of Object.entries(result.metafile.outputs))
      process.stdout.write(`${file}: ${(info.bytes / 1e6).toFixed(2)} MB\n`);
    return;
  }
  const expected = [
    ...(result.outputFiles ?? []),
    { path: chunkWorkerEntry, text: workerEntryShim },
  ];
  const stale = expected.filter((file) => {
    try {
      return readFileSync(file.path, 'utf8') !== file.text;
    } catch {
      return true;
    }
  });
  if (stale.length === 0) return void process.stdout.write('action bundle is up to date\n');
  process.stderr.write(
    `action bundle is stale: ${stale.map((f) => relative(repo, f.path)).join(', ')} — run npm run build:action and commit action/\n`,
  );
  process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
