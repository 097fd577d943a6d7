/**
 * The typecheck gate for a change of plain JavaScript only. TypeScript reports
 * only syntax errors for a JS file unless `checkJs` or `// @ts-check` asks for
 * types, so building a program — parsing and binding the default libs, seconds of
 * CPU on a cold run — buys nothing. Each file is parsed alone, with no libs and
 * no module resolution; the diagnostics are the same syntactic ones the
 * LanguageService would give.
 */
import ts from '../lib/typescript.cjs';
import { diagnosticToFinding } from './typecheck-engine.js';
import { readProjectSettings } from './typecheck-project.js';
import type { Finding, SourceFile } from './types.js';

const plainJs = /\.(c|m)?jsx?$/i;
/** A pragma that turns type-checking on for one JS file. */
const tsCheck = /\/\/\s*@ts-check\b|\/\*\s*@ts-check\b/;

/** True when these files need syntax diagnostics only (see the module comment). */
export function syntaxOnly(root: string, files: readonly SourceFile[]): boolean {
  if (files.length === 0) return false;
  if (!files.every((f) => plainJs.test(f.path) && !tsCheck.test(f.content))) return false;
  return readProjectSettings(ts, root).options.checkJs !== true;
}

export function syntaxFindings(files: readonly SourceFile[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    const options: ts.CompilerOptions = {
      allowJs: true,
      noLib: true,
      noResolve: true,
      noEmit: true,
      target: ts.ScriptTarget.ESNext,
      jsx: ts.JsxEmit.Preserve,
    };
    const host = ts.createCompilerHost(options);
    const source = ts.createSourceFile(file.path, file.content, ts.ScriptTarget.ESNext, true);
    host.getSourceFile = (name) => (name === file.path ? source : undefined);
    host.fileExists = (name) => name === file.path;
    host.readFile = (name) => (name === file.path ? file.content : undefined);
    const program = ts.createProgram({ rootNames: [file.path], options, host });
    for (const d of program.getSyntacticDiagnostics(source))
      findings.push(diagnosticToFinding(d, file.path, ts));
  }
  return findings;
}
