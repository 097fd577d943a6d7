import ts from '../../lib/typescript.cjs';
import { calleeOf, isFunctionNode, memberName, receiverName, unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';
import { isResponseObject } from './rule-kit.js';
import { jqueryInserts } from './xss.js';

/**
 * Markup built into a variable that a DOM sink of the same function renders later
 * (`const h = '<p>' + location.hash; el.innerHTML = h`) is one flaw: the sink's rule reports it
 * at the sink, so the rules that report markup where it is built leave it alone. (Markup a
 * server response sends is reported where it is built instead: xss.ts moves that report there.)
 */

/** jQuery/jqLite methods and DOM calls that parse their argument as HTML. */
const sinkCalls = new Set([
  ...jqueryInserts,
  'html',
  'insertAdjacentHTML',
  'parseHTML',
  'createContextualFragment',
]);
const sinkProps = new Set(['innerHTML', 'outerHTML']);

/** The name the markup is stored under: `const h = …`, `h = …`, `h += …`. */
function storedName(node: ts.Expression): string | undefined {
  const target = (b: ts.BinaryExpression): string | undefined => {
    const k = b.operatorToken.kind;
    const left = unwrap(b.left);
    const assigns = k === ts.SyntaxKind.EqualsToken || k === ts.SyntaxKind.PlusEqualsToken;
    return assigns && ts.isIdentifier(left) ? left.text : undefined;
  };
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)
    return target(node);
  let p = node.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  return ts.isBinaryExpression(p) && unwrap(p.right) === node ? target(p) : undefined;
}

const isName = (e: ts.Expression | undefined, name: string): boolean => {
  const u = e && unwrap(e);
  return u !== undefined && ts.isIdentifier(u) && u.text === name;
};

/** `el.innerHTML = name`, `$(x).html(name)`, `$(name)`, `document.write(name)`, `insertAdjacentHTML(p, name)`. */
function rendersName(n: ts.Node, name: string): boolean {
  const k = ts.isBinaryExpression(n) ? n.operatorToken.kind : undefined;
  if (
    ts.isBinaryExpression(n) &&
    (k === ts.SyntaxKind.EqualsToken || k === ts.SyntaxKind.PlusEqualsToken)
  )
    return sinkProps.has(memberName(n.left) ?? '') && isName(n.right, name);
  if (!ts.isCallExpression(n)) return false;
  const c = calleeOf(n);
  // `$(markup)`, `jQuery(markup)`: a string starting with "<" is parsed as HTML
  if (!c?.receiver)
    return (c?.name === '$' || c?.name === 'jQuery') && isName(n.arguments[0], name);
  if (isResponseObject(c.receiver)) return false;
  const document = receiverName(c.receiver) === 'document';
  if (!sinkCalls.has(c.name) && !(document && (c.name === 'write' || c.name === 'writeln')))
    return false;
  const arg = c.name === 'insertAdjacentHTML' ? n.arguments[1] : n.arguments[0];
  return isName(arg, name);
}

export function reachesDomSink(node: ts.Expression): boolean {
  const name = storedName(node);
  if (name === undefined) return false;
  let body: ts.Node = node.getSourceFile();
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent)
    if (isFunctionNode(p)) {
      body = p;
      break;
    }
  let found = false;
  walkTree(body, (n) => {
    if (found || n.end <= node.pos) return false;
    if (n.pos >= node.end && rendersName(n, name)) found = true;
    return !found;
  });
  return found;
}
