import ts from '../../lib/typescript.cjs';
import { memberName, unwrap } from './ast.js';
import { joinFlow } from './scope.js';
import type { Flow } from './types.js';

/** `X.prototype.m = function () {…}` → `X`. */
function prototypeOwnerName(fn: ts.Node): string | undefined {
  const p = fn.parent;
  if (!p || !ts.isBinaryExpression(p) || p.right !== fn) return undefined;
  const target = unwrap(p.left);
  if (!ts.isPropertyAccessExpression(target)) return undefined;
  const proto = unwrap(target.expression);
  if (!ts.isPropertyAccessExpression(proto) || proto.name.text !== 'prototype') return undefined;
  const cls = unwrap(proto.expression);
  return ts.isIdentifier(cls) ? cls.text : undefined;
}

function literalKey(obj: ts.ObjectLiteralExpression): string {
  return `object@${obj.pos}`;
}

function classKey(cls: ts.ClassLikeDeclaration): string {
  return cls.name ? `class:${cls.name.text}` : `class@${cls.pos}`;
}

/** Who `this` is inside a method-like function, or undefined for a plain function. */
function ownerOfFunction(n: ts.Node): string | undefined {
  const p = n.parent;
  if (
    ts.isMethodDeclaration(n) ||
    ts.isConstructorDeclaration(n) ||
    ts.isGetAccessorDeclaration(n) ||
    ts.isSetAccessorDeclaration(n)
  ) {
    if (p && ts.isClassLike(p)) return classKey(p);
    if (p && ts.isObjectLiteralExpression(p)) return literalKey(p);
    return undefined;
  }
  if (ts.isFunctionExpression(n) && p && ts.isPropertyAssignment(p)) {
    const obj = p.parent;
    return ts.isObjectLiteralExpression(obj) ? literalKey(obj) : undefined;
  }
  const proto = prototypeOwnerName(n);
  if (proto !== undefined) return `class:${proto}`;
  // A constructor function: `function Widget(el) { this.el = el; }`
  if (ts.isFunctionDeclaration(n) && n.name && /^[A-Z]/.test(n.name.text))
    return `class:${n.name.text}`;
  return undefined;
}

/**
 * The object `this` refers to at a node, as a key shared by all methods of a class (including its
 * prototype methods and constructor function) or of an object literal. Arrow functions see the
 * enclosing `this`.
 */
export function thisOwner(node: ts.Node): string | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n)) continue;
    if (ts.isClassLike(n)) return classKey(n); // property initializers
    if (ts.isFunctionLike(n)) return ownerOfFunction(n);
  }
  return undefined;
}

/** `this.a` or `this.a.b…` → `a`. */
export function thisMemberHead(expr: ts.Expression): string | undefined {
  let e = unwrap(expr);
  for (;;) {
    if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return undefined;
    const base = unwrap(e.expression);
    if (base.kind === ts.SyntaxKind.ThisKeyword) return memberName(e);
    e = base;
  }
}

/** Names of the constructor's parameter properties (`constructor(private readonly url: string)`). */
export function parameterProperties(fn: ts.FunctionLikeDeclaration): (string | undefined)[] {
  if (!ts.isConstructorDeclaration(fn)) return [];
  return fn.parameters.map((p) =>
    ts.getModifiers(p)?.length && ts.isIdentifier(p.name) ? p.name.text : undefined,
  );
}

/**
 * What `this.x` may hold, joined over every write in the file: a value stored by one method (or
 * the constructor) is seen by the others. Flows only grow, so a read that came before a write
 * which changed it asks for another pass of the engine.
 */
export class ThisFields {
  private readonly flows = new Map<string, Map<string, Flow>>();
  private readonly read = new Map<string, Set<string>>();
  private readonly owners = new WeakMap<ts.Node, string | null>();
  private changed = false;

  startPass(): void {
    this.changed = false;
    this.read.clear();
  }

  /** `thisOwner`, remembered per node (flows are evaluated many times per walk). */
  ownerOf(node: ts.Node): string | undefined {
    const hit = this.owners.get(node);
    if (hit !== undefined) return hit ?? undefined;
    const owner = thisOwner(node);
    this.owners.set(node, owner ?? null);
    return owner;
  }

  get(owner: string, name: string): Flow | undefined {
    let names = this.read.get(owner);
    if (!names) this.read.set(owner, (names = new Set()));
    names.add(name);
    return this.flows.get(owner)?.get(name);
  }

  set(owner: string, name: string, flow: Flow): void {
    let fields = this.flows.get(owner);
    if (!fields) this.flows.set(owner, (fields = new Map()));
    const old = fields.get(name);
    const next = old ? joinFlow(old, flow) : flow;
    if (old && sameFlow(old, next)) return;
    fields.set(name, next);
    if (this.read.get(owner)?.has(name)) this.changed = true;
  }

  /** A field read in this pass has since changed. */
  stale(): boolean {
    return this.changed;
  }
}

/** Two flows a store holds differ in nothing a reader sees (state, taint kind, object-ness). */
export function sameFlow(a: Flow, b: Flow): boolean {
  if (a.state !== b.state) return false;
  if (a.state === 'tainted' && b.state === 'tainted')
    return a.taint.kind === b.taint.kind && a.taint.maybeObject === b.taint.maybeObject;
  return true;
}
