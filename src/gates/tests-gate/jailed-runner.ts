import { extname, posix, relative } from 'node:path';
import { runInJail, type JailFile } from '../../sandbox/run-in-jail.js';
import type { SandboxIsolation } from '../../sandbox/types.js';
import type { SourceFile } from '../types.js';
import { isTestFile } from './find-tests.js';
import { parseNodeTestOutput, reporterSource } from './node-test-runner.js';
import { firstLine, type TestFailure, type TestRunOutcome } from './outcome.js';

const reporterName = '.shipgate-reporter.mjs';
const runnable = /\.[cm]?[jt]sx?$/i;

export interface JailedTestsInput {
  root: string;
  /** The submitted files (absolute paths under root); nothing else is copied into the jail. */
  files: SourceFile[];
  timeoutMs: number;
  memoryMb?: number;
  signal: AbortSignal;
  isolation: SandboxIsolation;
}

/** `.ts`/`.tsx`/`.jsx` become `.js`, `.mts` `.mjs`, `.cts` `.cjs`; JavaScript keeps its name. */
export function jailName(path: string): string {
  const ext = extname(path).toLowerCase();
  const base = path.slice(0, path.length - ext.length);
  if (ext === '.mts') return `${base}.mjs`;
  if (ext === '.cts') return `${base}.cjs`;
  if (ext === '.ts' || ext === '.tsx' || ext === '.jsx') return `${base}.js`;
  return path;
}

/**
 * Submitted sources as the jail runs them: TypeScript and JSX transpiled (syntax only),
 * ES module syntax in `.js`/`.ts` turned into CommonJS (the jail has no package.json,
 * so `.js` is CommonJS there); `.mjs`/`.mts` stay ES modules.
 */
async function toJailFiles(root: string, files: SourceFile[]): Promise<JailFile[]> {
  const { default: ts } = await import('../../lib/typescript.cjs');
  return files.map((file) => {
    const rel = relative(root, file.path).split('\\').join('/');
    if (!runnable.test(rel)) return { path: rel, content: file.content };
    const esm = /\.m[jt]s$/i.test(rel);
    const output = ts.transpileModule(file.content, {
      fileName: rel,
      compilerOptions: {
        module: esm ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        jsx: ts.JsxEmit.React,
        allowJs: true,
        sourceMap: false,
      },
    });
    return { path: jailName(rel), content: output.outputText };
  });
}

function brokeWithoutResults(
  test: string,
  stderr: string,
  reason: string | undefined,
): TestFailure {
  const detail = firstLine(stderr) || reason || 'no test results';
  return { file: test, line: 1, name: 'test file', message: `did not run: ${detail}` };
}

/**
 * Runs the submitted test files inside the sandbox jail (src/sandbox), one jailed
 * process per test file, with node:test's runner in that process: the jail holds only
 * the submitted files (nothing of the host project), so untrusted code never runs on
 * the host. No coverage: V8 coverage needs the inspector, which the permission model
 * refuses.
 */
export async function runTestsInJail(input: JailedTestsInput): Promise<TestRunOutcome> {
  const files = await toJailFiles(input.root, input.files);
  files.push({ path: reporterName, content: reporterSource });
  const tests = input.files.filter((file) => isTestFile(file.path));
  const deadline = performance.now() + input.timeoutMs;
  const outcome: TestRunOutcome = {
    runner: 'node:test',
    ran: 0,
    failures: [],
    coverage: undefined,
  };
  for (const test of tests) {
    const remaining = Math.round(deadline - performance.now());
    if (remaining <= 0)
      return { ...outcome, error: `tests did not finish within ${input.timeoutMs} ms` };
    const entry = jailName(relative(input.root, test.path).split('\\').join('/'));
    const result = await runInJail({
      files,
      entry,
      nodeArgs: [`--test-reporter=${posix.join('{jail}', reporterName)}`],
      timeoutMs: remaining,
      memoryMb: input.memoryMb ?? 512,
      signal: input.signal,
      isolation: input.isolation,
    });
    const parsed = parseNodeTestOutput(result.stdout);
    outcome.ran += parsed.ran;
    const located = parsed.failures.map((failure) => ({ ...failure, file: test.path }));
    outcome.failures.push(...located);
    if (result.verdict === 'timeout')
      return { ...outcome, error: `${entry} did not finish within ${input.timeoutMs} ms` };
    if (parsed.ran === 0 && result.exitCode !== 0)
      outcome.failures.push(brokeWithoutResults(test.path, result.stderr, result.reason));
  }
  return outcome;
}
