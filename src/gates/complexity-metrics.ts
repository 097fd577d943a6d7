import ts from '../lib/typescript.cjs';
import { endLineOf, functionName, isMeasuredFunction, lineOf, columnOf } from './ast.js';

export interface FunctionMetrics {
  name: string;
  line: number;
  endLine: number;
  column: number;
  /** Lines from the function's first to its last line, inclusive. */
  lines: number;
  /** 1 + decision points (if, ?:, case, loops, catch, &&, ||, ??). */
  cyclomatic: number;
  /** Deepest nesting of if/loop/switch/try blocks (else-if does not nest). */
  nesting: number;
  params: number;
}

const logical = new Set([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

function isDecision(node: ts.Node): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.IfStatement:
    case ts.SyntaxKind.ConditionalExpression:
    case ts.SyntaxKind.CaseClause:
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.WhileStatement:
    case ts.SyntaxKind.DoStatement:
    case ts.SyntaxKind.CatchClause:
      return true;
    case ts.SyntaxKind.BinaryExpression:
      return logical.has((node as ts.BinaryExpression).operatorToken.kind);
    default:
      return false;
  }
}

function isElseIf(node: ts.Node): boolean {
  return (
    ts.isIfStatement(node) && ts.isIfStatement(node.parent) && node.parent.elseStatement === node
  );
}

function nests(node: ts.Node): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.IfStatement:
      return !isElseIf(node);
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.WhileStatement:
    case ts.SyntaxKind.DoStatement:
    case ts.SyntaxKind.SwitchStatement:
    case ts.SyntaxKind.TryStatement:
    case ts.SyntaxKind.WithStatement:
      return true;
    default:
      return false;
  }
}

/** Cyclomatic complexity and nesting of one body, not descending into nested functions. */
function measureBody(body: ts.Node): { cyclomatic: number; nesting: number } {
  let cyclomatic = 1;
  let nesting = 0;
  const visit = (node: ts.Node, depth: number): void => {
    if (isMeasuredFunction(node)) return;
    if (isDecision(node)) cyclomatic += 1;
    const inner = nests(node) ? depth + 1 : depth;
    nesting = Math.max(nesting, inner);
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  ts.forEachChild(body, (child) => visit(child, 0));
  return { cyclomatic, nesting };
}

/** Metrics for every function in the file, nested ones included (each measured on its own). */
export function measureFunctions(source: ts.SourceFile): FunctionMetrics[] {
  const found: FunctionMetrics[] = [];
  const visit = (node: ts.Node): void => {
    if (isMeasuredFunction(node) && node.body) {
      const line = lineOf(source, node);
      const endLine = endLineOf(source, node);
      found.push({
        name: functionName(node, source),
        line,
        endLine,
        column: columnOf(source, node),
        lines: endLine - line + 1,
        params: node.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'))
          .length,
        ...measureBody(node.body),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
