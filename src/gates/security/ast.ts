import ts from '../../lib/typescript.cjs';

/** A lookup table over node kinds (these checks run for nearly every node and expression). */
/** A lookup table by node kind: `table[node.kind] === 1` for the kinds given. */
export function kindTable(kinds: readonly ts.SyntaxKind[]): Uint8Array {
  const table = new Uint8Array(ts.SyntaxKind.Count);
  for (const k of kinds) table[k] = 1;
  return table;
}

/** Node kinds `unwrap` looks through. */
const wrapperKinds = kindTable([
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.AwaitExpression,
  ts.SyntaxKind.AsExpression,
  ts.SyntaxKind.NonNullExpression,
  ts.SyntaxKind.TypeAssertionExpression,
  ts.SyntaxKind.SatisfiesExpression,
]);

type Wrapper =
  | ts.ParenthesizedExpression
  | ts.AwaitExpression
  | ts.AsExpression
  | ts.NonNullExpression
  | ts.TypeAssertion
  | ts.SatisfiesExpression;

/** Strips parentheses, `await`, type assertions and non-null assertions. */
export function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (wrapperKinds[e.kind] === 1) e = (e as Wrapper).expression;
  return e;
}

/** `a.b.c` / `a['b']` as a stable key, or undefined when not a simple chain. */
export function chainKey(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return e.text;
  if (e.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(e)) {
    const base = chainKey(e.expression);
    return base === undefined ? undefined : `${base}.${e.name.text}`;
  }
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) {
    const base = chainKey(e.expression);
    return base === undefined ? undefined : `${base}.${e.argumentExpression.text}`;
  }
  return undefined;
}

/** First name of a chain key (`req` for `req.query.x`), without splitting the key. */
export function chainRoot(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? key : key.slice(0, dot);
}

/** Root identifier of a member chain (`req` for `req.query.x`). */
export function rootName(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))
    return rootName(e.expression);
  if (ts.isCallExpression(e)) return rootName(e.expression);
  return undefined;
}

/** Name of a property access/element access member, if static. */
export function memberName(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression))
    return e.argumentExpression.text;
  return undefined;
}

export interface Callee {
  /** Last name: `exec` for `cp.exec`, `require('x').exec` or `exec`. */
  readonly name: string;
  /** Receiver expression for member calls. */
  readonly receiver?: ts.Expression;
  /** Dotted text of the callee when it is a simple chain (`child_process.exec`). */
  readonly path?: string;
}

/** `(0, f)` → `f`: an indirect call (`(0, eval)(x)`, compiled `(0, child_process_1.exec)(cmd)`). */
function indirectCallee(e: ts.Expression): ts.Expression {
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.CommaToken) return e;
  return ts.isNumericLiteral(unwrap(e.left)) ? unwrap(e.right) : e;
}

/** The last call asked about: the engine shows each call to a score of rules in a row. */
let lastCall: ts.Node | undefined;
let lastCallee: Callee | undefined;

export function calleeOf(call: ts.CallExpression | ts.NewExpression): Callee | undefined {
  if (call !== lastCall) {
    lastCall = call;
    lastCallee = calleeOfExpression(call.expression);
  }
  return lastCallee;
}

function calleeOfExpression(callee: ts.Expression): Callee | undefined {
  const e = indirectCallee(unwrap(callee));
  if (ts.isIdentifier(e)) return { name: e.text, path: e.text };
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const name = memberName(e);
    if (name === undefined) return undefined;
    return { name, receiver: e.expression, path: chainKey(e) };
  }
  return undefined;
}

/** Last segment of a receiver's name (`db` for `this.db`, `pool` for `getPool()`). */
export function receiverName(receiver: ts.Expression | undefined): string {
  if (!receiver) return '';
  const e = unwrap(receiver);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isCallExpression(e)) {
    const c = calleeOf(e);
    return c ? c.name : '';
  }
  return '';
}

/** The literal module name of `require('x')`, if this is one. */
export function requiredModule(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (
    ts.isCallExpression(e) &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === 'require' &&
    e.arguments.length === 1 &&
    e.arguments[0] !== undefined &&
    ts.isStringLiteralLike(e.arguments[0])
  )
    return e.arguments[0].text;
  return undefined;
}

/** Name a value is being stored under: variable, property, parameter default, or assignment target. */
export function storageName(node: ts.Node): string | undefined {
  let cur: ts.Node = node;
  for (let depth = 0; depth < 8; depth++) {
    const p = cur.parent;
    if (!p) return undefined;
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
    if (ts.isPropertyAssignment(p) && p.initializer === cur) return propertyNameText(p.name);
    if (ts.isPropertyDeclaration(p) && p.initializer === cur) return propertyNameText(p.name);
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      return ts.isIdentifier(p.left) ? p.left.text : memberName(p.left);
    }
    if (ts.isReturnStatement(p)) return enclosingFunctionName(p);
    if (ts.isArrowFunction(p) && p.body === cur) return enclosingFunctionName(p);
    if (ts.isStatement(p) || ts.isFunctionLike(p)) return undefined;
    cur = p;
  }
  return undefined;
}

export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isPrivateIdentifier(name))
    return name.text;
  return undefined;
}

export function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let p: ts.Node | undefined = node; p; p = p.parent) {
    if (ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) {
      return p.name && !ts.isComputedPropertyName(p.name) ? propertyNameText(p.name) : undefined;
    }
    if (ts.isFunctionExpression(p) || ts.isArrowFunction(p)) {
      const parent = p.parent;
      if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
      if (ts.isPropertyAssignment(parent)) return propertyNameText(parent.name);
      if (p.name) return p.name.text;
      return undefined;
    }
  }
  return undefined;
}

/** The node kinds that are functions (bodies with their own parameters). */
export const functionKindList: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
];
const functionKinds = kindTable(functionKindList);

export function isFunctionNode(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return functionKinds[node.kind] === 1;
}

/** Property of an object literal by static name. */
export function objectProperty(
  obj: ts.ObjectLiteralExpression,
  name: string,
): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

/** Leading constant text of a template/concatenation (`'https://x.com/' + a` → `https://x.com/`). */
export function leadingConstant(
  expr: ts.Expression,
  constString: (e: ts.Expression) => string | undefined,
): string {
  const e = unwrap(expr);
  const whole = constString(e);
  if (whole !== undefined) return whole;
  if (ts.isTemplateExpression(e)) return e.head.text;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return leadingConstant(e.left, constString);
  return '';
}

/** True for a template literal with substitutions or a `+` concatenation. */
export function isStringBuilding(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return (
    ts.isTemplateExpression(e) ||
    (ts.isBinaryExpression(e) &&
      (e.operatorToken.kind === ts.SyntaxKind.PlusToken ||
        e.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken))
  );
}

/** Splits camelCase / snake_case / kebab names into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}
