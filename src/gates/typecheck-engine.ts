import ts from 'typescript';
import {
  configStampOf,
  createTypecheckProject,
  readProjectSettings,
  type TypecheckProject,
} from './typecheck-project.js';
import type { Finding, Severity, SourceFile } from './types.js';

/** Warm projects kept per engine; the least recently used one is dropped beyond this. */
const maxProjects = 8;

const severityOf: Record<ts.DiagnosticCategory, Severity> = {
  [ts.DiagnosticCategory.Error]: 'high',
  [ts.DiagnosticCategory.Warning]: 'medium',
  [ts.DiagnosticCategory.Suggestion]: 'low',
  [ts.DiagnosticCategory.Message]: 'info',
};

/** TS diagnostic → finding (rule "TS2322", 1-based line/column). */
export function diagnosticToFinding(diagnostic: ts.Diagnostic, path: string): Finding {
  const finding: Finding = {
    gate: 'typecheck',
    rule: `TS${diagnostic.code}`,
    severity: severityOf[diagnostic.category],
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    line: 1,
    file: path,
  };
  if (diagnostic.file && diagnostic.start !== undefined) {
    const start = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const end = diagnostic.file.getLineAndCharacterOfPosition(
      diagnostic.start + (diagnostic.length ?? 0),
    );
    finding.line = start.line + 1;
    finding.column = start.character + 1;
    finding.endLine = end.line + 1;
  }
  return finding;
}

function checkFile(project: TypecheckProject, path: string, suggestions: boolean): Finding[] {
  const { service } = project;
  const syntactic = service.getSyntacticDiagnostics(path);
  // Semantic diagnostics of a plain JS file are empty unless checkJs or // @ts-check asks for them.
  const semantic = service.getSemanticDiagnostics(path);
  const extra = suggestions ? service.getSuggestionDiagnostics(path) : [];
  return [...syntactic, ...semantic, ...extra].map((d) => diagnosticToFinding(d, path));
}

function configFindings(project: TypecheckProject, files: readonly SourceFile[]): Finding[] {
  const first = files[0];
  if (!first) return [];
  return project.settings.configErrors.map((d) => ({
    ...diagnosticToFinding(d, first.path),
    severity: 'info' as const,
    message: `tsconfig.json: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
  }));
}

export interface TypecheckEngine {
  /** Diagnostics of exactly these files (synchronous: run it off the main thread when that matters). */
  check(root: string, files: readonly SourceFile[], suggestions: boolean): Finding[];
  /** Builds the root's program (libs, @types) ahead of the first check. */
  prewarm(root: string): void;
}

/** Warm LanguageServices per project root, rebuilt when the root's tsconfig.json changes. */
export function createTypecheckEngine(): TypecheckEngine {
  const projects = new Map<string, TypecheckProject>();

  function projectFor(root: string): TypecheckProject {
    let project = projects.get(root);
    if (project && project.settings.configStamp !== configStampOf(root)) {
      project.dispose();
      project = undefined;
    }
    projects.delete(root);
    project ??= createTypecheckProject(root, readProjectSettings(root));
    projects.set(root, project);
    for (const [key, stale] of projects) {
      if (projects.size <= maxProjects) break;
      stale.dispose();
      projects.delete(key);
    }
    return project;
  }

  return {
    prewarm(root) {
      projectFor(root).service.getProgram();
    },
    check(root, files, suggestions) {
      const project = projectFor(root);
      project.update(files);
      const findings = configFindings(project, files);
      for (const file of files) findings.push(...checkFile(project, file.path, suggestions));
      return findings;
    },
  };
}
