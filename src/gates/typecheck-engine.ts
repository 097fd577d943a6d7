import { createRequire } from 'node:module';
import { join } from 'node:path';
import type ts from 'typescript';
import bundled from '../lib/typescript.cjs';
import { resolveProjectModule } from './project-module.js';
import {
  configStampOf,
  createTypecheckProject,
  readProjectSettings,
  type TsModule,
  type TypecheckProject,
} from './typecheck-project.js';
import type { Finding, Severity, SourceFile, Trust } from './types.js';

/** The in-memory root a cold prewarm checks, so that the default libs load (never on disk). */
const prewarmPlaceholder = '__shipgate_prewarm__.ts';

/** Warm projects kept per engine; the least recently used one is dropped beyond this. */
const maxProjects = 8;

/** By `ts.DiagnosticCategory` (Warning 0, Error 1, Suggestion 2, Message 3 in every version). */
const severityOf: Record<number, Severity> = { 0: 'medium', 1: 'high', 2: 'low', 3: 'info' };

/**
 * The TypeScript to check a root with: for `project` trust the project's own install
 * (resolved from the root as Node would, so its version's rules and libs apply), else —
 * and when it has none or it cannot load — the bundled one.
 */
export function typescriptFor(root: string, trust: Trust | undefined): TsModule {
  if (trust !== 'project') return bundled;
  const found = resolveProjectModule(root, 'typescript');
  if (!found) return bundled;
  try {
    const loaded = createRequire(found.path)(found.path) as TsModule;
    return typeof loaded.createLanguageService === 'function' ? loaded : bundled;
  } catch {
    return bundled;
  }
}

/** TS diagnostic → finding (rule "TS2322", 1-based line/column). */
export function diagnosticToFinding(
  diagnostic: ts.Diagnostic,
  path: string,
  ts: TsModule = bundled,
): Finding {
  const finding: Finding = {
    gate: 'typecheck',
    rule: `TS${diagnostic.code}`,
    severity: severityOf[diagnostic.category] ?? 'high',
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
  return [...syntactic, ...semantic, ...extra].map((d) => diagnosticToFinding(d, path, project.ts));
}

function configFindings(project: TypecheckProject, files: readonly SourceFile[]): Finding[] {
  const first = files[0];
  if (!first) return [];
  return project.settings.configErrors.map((d) => ({
    ...diagnosticToFinding(d, first.path, project.ts),
    severity: 'info' as const,
    message: `tsconfig.json: ${project.ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
  }));
}

export interface TypecheckEngine {
  /** Diagnostics of exactly these files (synchronous: run it off the main thread when that matters). */
  check(root: string, files: readonly SourceFile[], suggestions: boolean, trust?: Trust): Finding[];
  /** Builds the root's program (libs, @types) ahead of the first check; returns its file count. */
  prewarm(root: string, trust?: Trust): number;
}

/** Warm LanguageServices per project root, rebuilt when the root's tsconfig.json changes. */
export function createTypecheckEngine(): TypecheckEngine {
  const projects = new Map<string, TypecheckProject>();

  function projectFor(root: string, trust: Trust | undefined): TypecheckProject {
    const key = `${trust === 'project' ? 'project' : 'untrusted'}:${root}`;
    let project = projects.get(key);
    if (project && project.settings.configStamp !== configStampOf(root)) {
      project.dispose();
      project = undefined;
    }
    projects.delete(key);
    if (!project) {
      const ts = typescriptFor(root, trust);
      const settings = readProjectSettings(ts, root);
      project = createTypecheckProject(ts, root, settings, trust !== 'project');
    }
    projects.set(key, project);
    for (const [key, stale] of projects) {
      if (projects.size <= maxProjects) break;
      stale.dispose();
      projects.delete(key);
    }
    return project;
  }

  return {
    prewarm(root, trust) {
      const project = projectFor(root, trust);
      const program = project.service.getProgram();
      if (program?.getRootFileNames().length) return program.getSourceFiles().length;
      // A program without root files skips the default libs: parse and bind them
      // through a placeholder root, so the first check finds them in the registry.
      project.update([{ path: join(root, prewarmPlaceholder), content: '' }]);
      const warmed = project.service.getProgram();
      warmed?.getTypeChecker();
      project.update([]);
      return warmed?.getSourceFiles().length ?? 0;
    },
    check(root, files, suggestions, trust) {
      const project = projectFor(root, trust);
      project.update(files);
      const findings = configFindings(project, files);
      for (const file of files) findings.push(...checkFile(project, file.path, suggestions));
      return findings;
    },
  };
}
