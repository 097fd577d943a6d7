import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `.ts` when running from source (tests, tsx), `.js` from dist. */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/**
 * A worker thread whose entry is one of our modules. From dist it is a plain
 * `new Worker(url)`. From source (tsx, vitest) the entry is a .ts file, and Node 20
 * does not apply `--import tsx` to a worker's entry: a tiny eval bootstrap registers
 * tsx's loaders (ESM and CommonJS, as `--import tsx` does: a .cts file requires its
 * .cts neighbours) and then imports it. The loaders are resolved from here, not
 * from the process's cwd, so a server started from source in any folder works.
 */
export function startModuleWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const esm = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const cjs = JSON.stringify(import.meta.resolve('tsx/cjs/api'));
  const bootstrap =
    `Promise.all([import(${esm}), import(${cjs})]).then(([esm, cjs]) => { ` +
    `esm.register(); cjs.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
