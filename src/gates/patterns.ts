import { relative } from 'node:path';
import ts from '../lib/typescript.cjs';
import { astFile, columnOf, declarationFile, lineOf, parseSource } from './ast.js';
import { ioErrorHandlingFindings } from './patterns-io.js';
import type { Finding, Gate, GateResult } from './types.js';

export const patternNames = [
  'io-error-handling',
  'exported-doc-comments',
  'structured-logging',
] as const;
export type PatternName = (typeof patternNames)[number];

const defaultPatterns: PatternName[] = ['io-error-handling', 'exported-doc-comments'];
const testFile = /(^|\/)(__tests__|tests?)\/|\.(test|spec)\.[cm]?[jt]sx?$/;
const consoleMethods = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace']);

function isExported(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

function hasDocComment(source: ts.SourceFile, node: ts.Node): boolean {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  return ranges.some((r) => source.text.startsWith('/**', r.pos));
}

/** Exported functions, classes and function-valued consts: [name, node carrying the doc comment]. */
function exportedApi(source: ts.SourceFile): [string, ts.Node][] {
  const found: [string, ts.Node][] = [];
  const seen = new Set<string>();
  for (const statement of source.statements) {
    if (!isExported(statement)) continue;
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      const name = statement.name?.text ?? 'default';
      if (!seen.has(name)) found.push([name, statement]); // overloads: the first one carries the doc
      seen.add(name);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        const callable =
          init &&
          (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isClassExpression(init));
        if (callable) found.push([declaration.name.getText(source), statement]);
      }
    }
  }
  return found;
}

function docCommentFindings(path: string, source: ts.SourceFile): Finding[] {
  return exportedApi(source)
    .filter(([, node]) => !hasDocComment(source, node))
    .map(([name, node]) => ({
      gate: 'patterns',
      rule: 'exported-doc-comments',
      severity: 'low',
      message: `Exported '${name}' has no JSDoc comment.`,
      line: lineOf(source, node),
      column: columnOf(source, node),
      fix: `Add a /** … */ comment above '${name}' saying what it does and returns.`,
      file: path,
    }));
}

function isStringBuilding(node: ts.Expression): boolean {
  if (ts.isTemplateExpression(node)) return true;
  if (ts.isParenthesizedExpression(node)) return isStringBuilding(node.expression);
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.PlusToken)
    return false;
  const stringy = (side: ts.Expression) =>
    ts.isStringLiteral(side) || ts.isNoSubstitutionTemplateLiteral(side) || isStringBuilding(side);
  return stringy(node.left) || stringy(node.right);
}

function loggingFindings(path: string, source: ts.SourceFile): Finding[] {
  const findings: Finding[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'console' &&
      consoleMethods.has(node.expression.name.text) &&
      node.arguments.some(isStringBuilding)
    ) {
      findings.push({
        gate: 'patterns',
        rule: 'structured-logging',
        severity: 'low',
        message: `console.${node.expression.name.text} builds its message from strings: log structured fields instead.`,
        line: lineOf(source, node),
        column: columnOf(source, node),
        fix: "Use a structured logger, e.g. pino: logger.info({ userId, orderId }, 'order created').",
        file: path,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/** The patterns the gate's `require` option asks for (defaults when absent). */
export function requiredPatterns(options: Record<string, unknown>): PatternName[] {
  const value = options.require;
  if (!Array.isArray(value)) return defaultPatterns;
  return value.filter((v): v is PatternName =>
    (patternNames as readonly string[]).includes(v as string),
  );
}

/** Findings for one file; `structured-logging` is not applied to test files. */
export function patternFindings(
  path: string,
  content: string,
  required: PatternName[],
  root: string,
): Finding[] {
  const source = parseSource(path, content);
  const findings: Finding[] = [];
  if (required.includes('io-error-handling'))
    findings.push(...ioErrorHandlingFindings(path, source));
  if (required.includes('exported-doc-comments'))
    findings.push(...docCommentFindings(path, source));
  const isTest = testFile.test(relative(root, path).split('\\').join('/'));
  if (required.includes('structured-logging') && !isTest)
    findings.push(...loggingFindings(path, source));
  return findings;
}

/** Required code patterns (`gates.patterns.require`): error handling on I/O, doc comments, structured logs. */
export function createPatternsGate(): Gate {
  return {
    name: 'patterns',
    description:
      'required patterns: I/O error handling, doc comments on exports, structured logging',
    appliesTo: (path) => astFile.test(path) && !declarationFile.test(path),
    async run(ctx): Promise<GateResult> {
      const started = performance.now();
      const required = requiredPatterns(ctx.options);
      const findings = ctx.files.flatMap((f) =>
        patternFindings(f.path, f.content, required, ctx.root),
      );
      return {
        gate: 'patterns',
        verdict: findings.length > 0 ? 'fail' : 'pass',
        findings,
        durationMs: performance.now() - started,
      };
    },
  };
}
