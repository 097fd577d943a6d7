import type { ResolvedCall } from './imports.js';
import { taintedFlow } from './sources.js';
import type { Flow } from './types.js';

/**
 * Command-line parsers hand on `process.argv`: `minimist(process.argv.slice(2))`,
 * `yargs(hideBin(process.argv)).argv`, `mri(argv)`, and node:util's `parseArgs()`, which reads
 * `process.argv` itself when given no `args`.
 */

const passThrough = new Set(['minimist', 'mri', 'hideBin', 'yargs', 'yargsParser', 'arg']);
const passModules = /^(minimist|mri|yargs|yargs\/helpers|yargs-parser|arg)$/;

export function argvParserFlow(r: ResolvedCall, args: readonly Flow[]): Flow | undefined {
  if (r.receiver) return undefined;
  if (r.name === 'parseArgs' && r.module === 'util')
    return taintedFlow('process.argv', 'local', true);
  if (!passThrough.has(r.name) || (r.module !== undefined && !passModules.test(r.module)))
    return undefined;
  const input = args.find((a) => a.state === 'tainted');
  return input?.state === 'tainted'
    ? { ...input, taint: { ...input.taint, maybeObject: true } }
    : undefined;
}
