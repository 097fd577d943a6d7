import ts from '../../lib/typescript.cjs';
import { walkTree } from './binary-chain.js';

/**
 * Where a finding starts when its flow is written as one block of two lines: a variable set on
 * the line directly above the sink's statement, from a value that is not a literal, and handed
 * to the sink (`input = $scope.html` / `$sce.trustAsHtml(input)`). The finding then spans both
 * lines, from the definition to the sink (`endLine`), as a match over consecutive statements
 * does. A blank line or another statement in between ends the block, and the sink alone is the
 * finding. The rule's own choice of node stands otherwise. See ADR 0045.
 */
export function flowStart(node: ts.Node, sf: ts.SourceFile, rule: string): ts.Node {
  if (notFlows.has(rule)) return node;
  const value = sinkValue(node);
  if (value.length === 0) return node;
  const statement = enclosingStatement(node);
  if (!statement) return node;
  const line = (pos: number): number => sf.getLineAndCharacterOfPosition(pos).line;
  const first = line(statement.getStart(sf));
  if (first !== line(node.getStart(sf))) return node;
  const siblings = statementsOf(statement.parent) ?? [];
  const previous = siblings[siblings.indexOf(statement) - 1];
  if (!previous || line(previous.getEnd()) !== first - 1) return node;
  const set = definedNames(previous);
  if (!set) return node;
  return set.names.some((name) => value.some((v) => reads(v, name, set.called))) ? previous : node;
}

/**
 * Findings about a value written in place rather than a flow into a sink: a literal key or
 * password, a weak algorithm or option. A variable set above such a call (`const token = …`
 * above `jwt.verify(token, 'secret')`) is no part of the flaw.
 */
const notFlows = new Set(['hardcoded-credentials', 'insecure-crypto', 'analysis-limit']);

/**
 * What a sink receives: a call's arguments, or the value written to a member
 * (`el.innerHTML = v`, `+=`).
 */
function sinkValue(node: ts.Node): readonly ts.Node[] {
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return node.arguments ?? [];
  if (
    ts.isBinaryExpression(node) &&
    (node.operatorToken.kind === ts.SyntaxKind.EqualsToken ||
      node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) &&
    (ts.isPropertyAccessExpression(node.left) || ts.isElementAccessExpression(node.left))
  )
    return [node.right];
  return [];
}

/** The statement the node is part of, inside the function or block that holds it. */
function enclosingStatement(node: ts.Node): ts.Statement | undefined {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return undefined;
    if (ts.isStatement(n) && statementsOf(n.parent) !== undefined) return n;
  }
  return undefined;
}

function statementsOf(parent: ts.Node): readonly ts.Statement[] | undefined {
  if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent))
    return parent.statements;
  if (ts.isCaseClause(parent) || ts.isDefaultClause(parent)) return parent.statements;
  return undefined;
}

/**
 * The variables `const x = …` / `const { a, b } = …` (one declarator), `x = …` or `x += …` set
 * with a carried value; `called` when that value is a function, which feeds a sink only when
 * the sink calls it (`exec(build())`), not when it is handed over as a callback.
 */
function definedNames(statement: ts.Statement): { names: string[]; called: boolean } | undefined {
  let name: ts.BindingName | ts.Expression | undefined;
  let init: ts.Expression | undefined;
  if (ts.isVariableStatement(statement)) {
    const [decl, more] = statement.declarationList.declarations;
    if (decl && !more) [name, init] = [decl.name, decl.initializer];
  } else if (ts.isExpressionStatement(statement)) {
    const e = statement.expression;
    const sets =
      ts.isBinaryExpression(e) &&
      (e.operatorToken.kind === ts.SyntaxKind.EqualsToken ||
        e.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken);
    if (sets && ts.isIdentifier(e.left)) [name, init] = [e.left, e.right];
  }
  if (
    !name ||
    !init ||
    !(ts.isIdentifier(name) || ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name))
  )
    return undefined;
  const kind = valueKind(init);
  return kind ? { names: boundNames(name), called: kind === 'function' } : undefined;
}

function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((el) => (ts.isBindingElement(el) ? boundNames(el.name) : []));
}

/** A function, data that reads something (a variable, a call), or nothing: a literal, `{}`, `[]`. */
function valueKind(init: ts.Expression): 'function' | 'data' | undefined {
  let e = init;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
  if (ts.isFunctionExpression(e) || ts.isArrowFunction(e)) return 'function';
  const reads = some(e, (n) => n.kind === ts.SyntaxKind.ThisKeyword || isReference(n));
  return reads ? 'data' : undefined;
}

/** The node reads the variable (not as a member name or an object key), or calls it. */
function reads(node: ts.Node, name: string, called: boolean): boolean {
  return some(
    node,
    (n) =>
      isReference(n) &&
      n.text === name &&
      (!called || (ts.isCallExpression(n.parent) && n.parent.expression === n)),
  );
}

function isReference(n: ts.Node): n is ts.Identifier {
  if (!ts.isIdentifier(n)) return false;
  const p = n.parent;
  return !((ts.isPropertyAccessExpression(p) || ts.isPropertyAssignment(p)) && p.name === n);
}

/** Whether a node of the tree passes the test; walked with a bounded stack (long chains). */
function some(root: ts.Node, test: (n: ts.Node) => boolean): boolean {
  let found = false;
  walkTree(root, (n) => {
    if (!found && test(n)) found = true;
    return !found;
  });
  return found;
}
