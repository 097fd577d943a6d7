import type { SandboxLanguage, SandboxResult } from '../sandbox/types.js';
import { isTestPath } from './parse-output.js';
import { needsShim, shimEpilogue, shimPrelude, stripFrameworkImports } from './test-shim.js';
import type { GeneratedFile, GenerateFinding, SandboxRunner } from './types.js';

const code = /\.[cm]?[jt]sx?$/i;
const typescript = /\.[cm]?tsx?$/i;

/** `import … from './x.js'` (multi-line too), `import './x.js'`, `const … = require('./x')`. */
const relativeImport =
  /^[ \t]*import\s+(?:type\s+)?([^;'"]*?)\s*from\s*['"]\.{1,2}\/[^'"]*['"][ \t]*;?[ \t]*$|^[ \t]*import\s*['"]\.{1,2}\/[^'"]*['"][ \t]*;?[ \t]*$|^[ \t]*(?:const|let|var)\s+[^=]+=\s*require\(\s*['"]\.{1,2}\/[^'"]*['"]\s*\)[ \t]*;?[ \t]*$/gm;
const exportKeyword =
  /^([ \t]*)export\s+(?:default\s+)?(?=(?:async\s+)?function\b|class\b|abstract\s+class\b|const\b|let\b|var\b|interface\b|type\b|enum\b)/gm;
const exportList = /^[ \t]*export\s*(?:\*|\{[^}]*\})(?:\s*from\s*['"][^'"]*['"])?[ \t]*;?[ \t]*$/gm;

/** `import { a as b } from './x.js'` needs `const b = a;` once the files are one program. */
function aliasesOf(clause: string | undefined): string[] {
  const named = clause ? /\{([^}]*)\}/.exec(clause)?.[1] : undefined;
  if (!named) return [];
  return named
    .split(',')
    .map((part) => /^\s*(?:type\s+)?([\w$]+)\s+as\s+([\w$]+)\s*$/.exec(part))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `const ${m[2]} = ${m[1]};`);
}

function unmodule(content: string): string {
  return content
    .replace(relativeImport, (_line, clause: string | undefined) => aliasesOf(clause).join(' '))
    .replace(exportList, '')
    .replace(exportKeyword, '$1');
}

/** Keeps the first copy of identical import lines (both files importing node:assert). */
function dedupeImports(source: string): string {
  const seen = new Set<string>();
  return source
    .split('\n')
    .filter((line) => {
      if (!/^\s*import\s/.test(line) || !/from\s*['"]|^\s*import\s*['"]/.test(line)) return true;
      const key = line.trim();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .join('\n');
}

export interface TestProgram {
  code: string;
  language: SandboxLanguage;
  testFiles: string[];
}

/**
 * One runnable program from the generated files: the implementation files, then the
 * test files, with relative imports between them removed and `export` keywords
 * dropped, so the sandbox (one file, no project) can run `implementation + tests`.
 * Tests written for vitest/jest get a small compatible runtime (test-shim.ts) in front.
 */
export function combineForTests(files: GeneratedFile[]): TestProgram | null {
  const sources = files.filter((f) => code.test(f.path) && !f.path.endsWith('.d.ts'));
  const tests = sources.filter((f) => isTestPath(f.path));
  if (tests.length === 0) return null;
  const ordered = [...sources.filter((f) => !isTestPath(f.path)), ...tests];
  const shim = tests.some((f) => needsShim(f.content));
  const parts = ordered.map((f) => {
    const content = isTestPath(f.path) && shim ? stripFrameworkImports(f.content) : f.content;
    return `// ---- ${f.path}\n${unmodule(content)}`;
  });
  const body = shim ? [shimPrelude, ...parts, shimEpilogue] : parts;
  return {
    code: dedupeImports(body.join('\n')),
    language: ordered.some((f) => typescript.test(f.path)) ? 'ts' : 'js',
    testFiles: tests.map((f) => f.path),
  };
}

/** The last lines of what the program printed, for the model to read. */
export function outputTail(result: SandboxResult, maxChars = 1500): string {
  const text = [result.stderr.trim(), result.stdout.trim()].filter(Boolean).join('\n');
  if (text.length <= maxChars) return text;
  return `…${text.slice(text.length - maxChars)}`;
}

export function testFailureFinding(file: string, result: SandboxResult): GenerateFinding {
  const tail = outputTail(result);
  const why = result.reason ?? result.verdict;
  return {
    file,
    gate: 'tests',
    rule: result.verdict === 'timeout' ? 'test-timeout' : 'test-failed',
    severity: 'high',
    message: `The tests failed when run in the sandbox (${result.verdict}: ${why}).${tail ? `\nOutput:\n${tail}` : ''}`,
    line: 1,
    blocking: true,
  };
}

export interface TestOutcome {
  findings: GenerateFinding[];
  result?: SandboxResult;
}

/** Runs the generated tests against the generated implementation; failures become findings. */
export async function runGeneratedTests(
  files: GeneratedFile[],
  sandbox: SandboxRunner,
  signal?: AbortSignal,
): Promise<TestOutcome> {
  const program = combineForTests(files);
  if (!program) {
    const file = files[0]?.path ?? 'generated.ts';
    const message =
      'No test file in the answer. Add one (e.g. `foo.test.ts` next to `foo.ts`) that checks the behaviour with console.assert or node:assert.';
    const finding: GenerateFinding = {
      file,
      gate: 'tests',
      rule: 'no-tests',
      severity: 'high',
      message,
      line: 1,
      blocking: true,
    };
    return { findings: [finding] };
  }
  const result = await sandbox({ code: program.code, language: program.language, signal });
  if (result.verdict === 'pass') return { findings: [], result };
  return { findings: [testFailureFinding(program.testFiles[0] ?? 'tests', result)], result };
}
