import type { SandboxLanguage, SandboxModuleKind } from './types.js';

export type PreparedProgram =
  { ok: true; filename: 'main.cjs' | 'main.mjs'; source: string } | { ok: false; reason: string };

/** Static `import`/`export` statements or `import.meta` at the start of a line mean an ES module. */
const esmSyntax = /^[ \t]*(?:import(?:[ \t]+[\w$]|[ \t]*[*{"'])|export[ \t{*]|.*\bimport\.meta\b)/m;

/** CommonJS unless asked otherwise or the source has ES module syntax (HumanEval-style scripts are CommonJS). */
export function resolveModuleKind(
  code: string,
  kind: SandboxModuleKind = 'auto',
): 'commonjs' | 'esm' {
  if (kind !== 'auto') return kind;
  return esmSyntax.test(code) ? 'esm' : 'commonjs';
}

async function transpile(code: string, moduleKind: 'commonjs' | 'esm'): Promise<PreparedProgram> {
  const { default: ts } = await import('../lib/typescript.cjs');
  const output = ts.transpileModule(code, {
    fileName: moduleKind === 'esm' ? 'main.mts' : 'main.cts',
    reportDiagnostics: true,
    compilerOptions: {
      module: moduleKind === 'esm' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  const errors = (output.diagnostics ?? []).filter(
    (d) => d.category === ts.DiagnosticCategory.Error,
  );
  const first = errors[0];
  if (first) {
    const position =
      first.file && first.start !== undefined
        ? first.file.getLineAndCharacterOfPosition(first.start)
        : undefined;
    const where = position ? ` (line ${position.line + 1}, column ${position.character + 1})` : '';
    const text = ts.flattenDiagnosticMessageText(first.messageText, ' ');
    const more = errors.length > 1 ? ` and ${errors.length - 1} more error(s)` : '';
    return {
      ok: false,
      reason: `TypeScript does not compile: TS${first.code} ${text}${where}${more}`,
    };
  }
  return {
    ok: true,
    filename: moduleKind === 'esm' ? 'main.mjs' : 'main.cjs',
    source: output.outputText,
  };
}

/**
 * Turns the submitted source into the file the child runs. TypeScript is transpiled
 * in-process (syntax only, no type-check: types are the typecheck gate's job); a syntax
 * error is the program's failure, reported as `fail` by the caller.
 */
export async function prepareProgram(
  code: string,
  language: SandboxLanguage,
  kind: SandboxModuleKind = 'auto',
): Promise<PreparedProgram> {
  const moduleKind = resolveModuleKind(code, kind);
  if (language === 'ts') return transpile(code, moduleKind);
  return { ok: true, filename: moduleKind === 'esm' ? 'main.mjs' : 'main.cjs', source: code };
}
