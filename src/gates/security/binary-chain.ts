import ts from '../../lib/typescript.cjs';
import { unwrap } from './ast.js';

/**
 * Left-deep binary chains (`'a' + x + 'b' + …`, `a || b || …`, `a, b, …`) nest one level per
 * operator, so walks that recurse per node overflow the stack on a generated expression of a
 * few thousand terms. These helpers go down the left side of such a chain in a loop instead.
 */

/**
 * The links of the chain under `top` whose operator `follow` accepts, outermost first: `top`,
 * then its left operand (parentheses and casts unwrapped) while that is a binary it accepts.
 */
export function leftLinks(
  top: ts.BinaryExpression,
  follow: (op: ts.SyntaxKind) => boolean,
): ts.BinaryExpression[] {
  const links: ts.BinaryExpression[] = [];
  let e: ts.Expression = top;
  while (ts.isBinaryExpression(e) && follow(e.operatorToken.kind)) {
    links.push(e);
    e = unwrap(e.left);
  }
  return links;
}

/**
 * `top` and the binaries nested as right operands whose operator `follow` accepts, outermost
 * first: the links of a right-deep chain such as `a = b = c = x`.
 */
export function rightLinks(
  top: ts.BinaryExpression,
  follow: (op: ts.SyntaxKind) => boolean,
): ts.BinaryExpression[] {
  const links = [top];
  for (let e = top.right; ts.isBinaryExpression(e) && follow(e.operatorToken.kind); e = e.right)
    links.push(e);
  return links;
}

/**
 * Walks the children of `top` in source order (as `ts.forEachChild` would, recursively) without
 * recursing down its left side: `enter(link)` is called for each binary met as a left operand,
 * outermost first, and says whether to go on into its children (false: it was skipped or the
 * caller walked it itself); `child(node)` is called for every other child, in source order.
 */
export function walkLeftChain(
  top: ts.BinaryExpression,
  enter: (link: ts.BinaryExpression) => boolean,
  child: (node: ts.Node) => void,
): void {
  const pending: ts.Node[] = [];
  let link = top;
  for (;;) {
    pending.push(link.right, link.operatorToken);
    const left = link.left;
    if (!ts.isBinaryExpression(left)) {
      child(left);
      break;
    }
    if (!enter(left)) break;
    link = left;
  }
  for (let i = pending.length - 1; i >= 0; i--) child(pending[i] as ts.Node);
}

/** Nesting past which `walkTree` keeps the nodes still to visit on a heap stack, not the call stack. */
const maxRecursion = 256;

/**
 * The descendants of `top` in the order of a recursive walk, kept on an explicit stack: for
 * what nests thousands deep on any side (`a = b = c = …`, `x ? … : y ? … : …`, `[[[…]]]`).
 */
function walkBelowIteratively(top: ts.Node, visit: (node: ts.Node) => boolean): void {
  const stack: ts.Node[] = [];
  const kids: ts.Node[] = [];
  const collect = (child: ts.Node): undefined => {
    kids.push(child);
    return undefined;
  };
  const pushChildren = (n: ts.Node): void => {
    ts.forEachChild(n, collect);
    while (kids.length > 0) stack.push(kids.pop() as ts.Node);
  };
  pushChildren(top);
  for (let n = stack.pop(); n; n = stack.pop()) if (visit(n)) pushChildren(n);
}

/**
 * The engine's walk of a binary: a left-deep chain in a loop (`'a' + x + …`), where a link that
 * `isStep` accepts (an assignment) is walked as a node of its own and any other is only
 * `visit`ed; every other child is `walk`ed.
 */
export function walkLinks(
  node: ts.BinaryExpression,
  isStep: (op: ts.SyntaxKind) => boolean,
  walk: (node: ts.Node) => void,
  visit: (link: ts.BinaryExpression) => void,
): void {
  const enter = (link: ts.BinaryExpression): boolean => {
    if (isStep(link.operatorToken.kind)) walk(link);
    else visit(link);
    return !isStep(link.operatorToken.kind);
  };
  walkLeftChain(node, enter, walk);
}

/**
 * Visits `root` and its descendants in the order of a recursive `ts.forEachChild` walk;
 * `visit(node)` returns whether to go into the node's children. Left-deep binary chains are
 * walked in a loop, and below `maxRecursion` levels the walk goes on with a stack of its own,
 * so no nesting costs more than a bounded call stack.
 */
export function walkTree(root: ts.Node, visit: (node: ts.Node) => boolean): void {
  let depth = 0;
  const go = (node: ts.Node): void => {
    if (!visit(node)) return;
    if (depth >= maxRecursion) return walkBelowIteratively(node, visit);
    depth++;
    if (ts.isBinaryExpression(node) && ts.isBinaryExpression(node.left))
      walkLeftChain(node, visit, go);
    else ts.forEachChild(node, go);
    depth--;
  };
  go(root);
}

/** Each binary met by `parentPastBinaries`: the nearest ancestor of it that is not a binary. */
const pastBinaries = new WeakMap<ts.Node, ts.Node | undefined>();

/**
 * The nearest proper ancestor of `node` that is not a binary: a term of a chain of thousands
 * has as many binary ancestors, so walks up to the enclosing function, loop or statement take
 * this step instead of `.parent`. Memoised per binary, so all the steps out of one chain cost
 * time linear in its length.
 */
export function parentPastBinaries(node: ts.Node): ts.Node | undefined {
  let n: ts.Node | undefined = node.parent;
  if (!n || !ts.isBinaryExpression(n)) return n;
  const run: ts.Node[] = [];
  while (n && ts.isBinaryExpression(n)) {
    if (pastBinaries.has(n)) {
      n = pastBinaries.get(n);
      break;
    }
    run.push(n);
    n = n.parent;
  }
  for (const b of run) pastBinaries.set(b, n);
  return n;
}

/** `node.getSourceFile()`, which walks every parent, found past binaries in a step each. */
export function sourceFileOf(node: ts.Node): ts.SourceFile {
  let root = node;
  for (let n = parentPastBinaries(node); n; n = parentPastBinaries(n)) root = n;
  return root as ts.SourceFile;
}

/** `walkTree` over each child of `root` (the root itself is not visited). */
export function walkChildTrees(root: ts.Node, visit: (node: ts.Node) => boolean): void {
  ts.forEachChild(root, (child) => walkTree(child, visit));
}

/**
 * The operands of a tree of binaries that `isLink` accepts (`a + (b + c) + d`), parentheses and
 * casts unwrapped, in source order; found with a stack instead of recursion.
 */
export function chainOperands(
  e: ts.Expression,
  isLink: (b: ts.BinaryExpression) => boolean,
): ts.Expression[] {
  const out: ts.Expression[] = [];
  const stack = [e];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const u = unwrap(next);
    if (ts.isBinaryExpression(u) && isLink(u)) stack.push(u.right, u.left);
    else out.push(u);
  }
  return out;
}

/** Where the constant start of a `+` chain ends: see `constantLead`. */
export interface ConstantLead {
  /** The constant text of the chain up to and including `links[at]`. */
  readonly text: string;
  /** Index in the links (outermost first); `links.length` when only the innermost left operand is constant. */
  readonly at: number;
}

/**
 * How far up a `+` chain (`links` as `leftLinks` gives them) its value stays constant, folded
 * from the innermost left operand: a link's value is a constant string exactly when its left
 * operand's and right operand's are. Undefined when not even the innermost left operand is.
 */
export function constantLead(
  links: readonly ts.BinaryExpression[],
  constString: (e: ts.Expression) => string | undefined,
): ConstantLead | undefined {
  const innermost = links[links.length - 1];
  let text = innermost && constString(innermost.left);
  if (text === undefined) return undefined;
  let at = links.length;
  for (let link = links[at - 1]; link; link = links[at - 1]) {
    const right = constString(link.right);
    if (right === undefined) break;
    text += right;
    at--;
  }
  return { text, at };
}
