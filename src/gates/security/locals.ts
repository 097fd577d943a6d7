import ts from '../../lib/typescript.cjs';
import { isFunctionNode, propertyNameText, unwrap } from './ast.js';
import { unwrapFn } from './params.js';
import { definition } from './rule-kit.js';

type Fn = ts.FunctionLikeDeclaration;

interface ClassInfo {
  methods: Map<string, Fn>;
  /** Field → class name (`constructor(private readonly svc: UserService)`, `svc = new UserService()`). */
  fields: Map<string, string>;
  base?: string;
}

function typeName(
  type: ts.TypeNode | undefined,
  init: ts.Expression | undefined,
): string | undefined {
  if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName))
    return type.typeName.text;
  const e = init && unwrap(init);
  if (e && ts.isNewExpression(e) && ts.isIdentifier(e.expression)) return e.expression.text;
  return undefined;
}

function fieldsOf(cls: ts.ClassLikeDeclaration, out: Map<string, string>): void {
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m)) {
      const name = propertyNameText(m.name);
      const t = typeName(m.type, m.initializer);
      if (name && t) out.set(name, t);
    } else if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) {
        const t = typeName(p.type, undefined);
        if (ts.isIdentifier(p.name) && t && ts.getModifiers(p)?.length) out.set(p.name.text, t);
      }
      for (const st of m.body?.statements ?? []) {
        const e = ts.isExpressionStatement(st) ? st.expression : undefined;
        if (!e || !ts.isBinaryExpression(e) || !ts.isPropertyAccessExpression(e.left)) continue;
        const t = typeName(undefined, e.right);
        if (e.left.expression.kind === ts.SyntaxKind.ThisKeyword && t) out.set(e.left.name.text, t);
      }
    }
  }
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) return n;
  }
  return undefined;
}

/** Functions and class methods declared in one file, and which of them a call runs. */
export class LocalFunctions {
  readonly byName = new Map<string, Fn>();
  private readonly classes = new Map<string, ClassInfo>();
  private readonly methodOwners = new Map<string, string[]>();
  private readonly resolved = new Map<ts.Node, Fn | null>();
  /** Calls that pass arguments, in source order. */
  readonly calls: ts.CallExpression[] = [];

  constructor(sf: ts.SourceFile) {
    this.collect(sf);
  }

  get size(): number {
    return this.byName.size + this.classes.size;
  }

  private collect(node: ts.Node): void {
    if (ts.isFunctionDeclaration(node) && node.name) this.byName.set(node.name.text, node);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const fn = unwrapFn(node.initializer);
      if (fn) this.byName.set(node.name.text, fn);
    }
    if (ts.isClassDeclaration(node) && node.name) this.collectClass(node.name.text, node);
    if (ts.isCallExpression(node) && node.arguments.length > 0) this.calls.push(node);
    ts.forEachChild(node, (c) => this.collect(c));
  }

  /** Some call passes arguments to a function of this file (else call sites teach nothing). */
  hasCallsWithArguments(): boolean {
    return this.calls.some((c) => this.target(c) !== undefined);
  }

  private collectClass(name: string, cls: ts.ClassDeclaration): void {
    const info: ClassInfo = { methods: new Map(), fields: new Map() };
    for (const m of cls.members) {
      const mName = m.name && propertyNameText(m.name);
      if (!mName || !isFunctionNode(m)) continue;
      info.methods.set(mName, m);
      this.methodOwners.set(mName, [...(this.methodOwners.get(mName) ?? []), name]);
    }
    fieldsOf(cls, info.fields);
    const ext = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
    const base = ext?.types[0]?.expression;
    if (base && ts.isIdentifier(base)) info.base = base.text;
    this.classes.set(name, info);
  }

  private method(cls: string | undefined, name: string, depth = 0): Fn | undefined {
    const info = cls === undefined ? undefined : this.classes.get(cls);
    if (!info) return undefined;
    return (
      info.methods.get(name) ?? (depth < 4 ? this.method(info.base, name, depth + 1) : undefined)
    );
  }

  /** The only class (other than `except`) with a method of this name. */
  private unique(name: string, except: string | undefined): Fn | undefined {
    const owners = (this.methodOwners.get(name) ?? []).filter((o) => o !== except);
    return owners.length === 1 ? this.method(owners[0], name) : undefined;
  }

  private classOfInstance(recv: ts.Expression): string | undefined {
    if (!ts.isIdentifier(recv)) return undefined;
    if (this.classes.has(recv.text)) return recv.text; // static method
    const def = definition(recv);
    if (ts.isNewExpression(def) && ts.isIdentifier(def.expression)) return def.expression.text;
    const lower = recv.text.toLowerCase();
    for (const name of this.classes.keys()) if (name.toLowerCase() === lower) return name;
    return undefined;
  }

  private resolveMember(
    call: ts.CallExpression,
    callee: ts.PropertyAccessExpression,
  ): Fn | undefined {
    const recv = unwrap(callee.expression);
    const name = callee.name.text;
    const own = enclosingClass(call)?.name?.text;
    if (recv.kind === ts.SyntaxKind.ThisKeyword) return this.method(own, name);
    if (ts.isPropertyAccessExpression(recv) && recv.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const field =
        own === undefined ? undefined : this.classes.get(own)?.fields.get(recv.name.text);
      return field !== undefined && this.classes.has(field)
        ? this.method(field, name)
        : this.unique(name, own);
    }
    return this.method(this.classOfInstance(recv), name);
  }

  /** The function or method of this file a call runs, if it can be told without types. */
  target(call: ts.CallExpression): Fn | undefined {
    const hit = this.resolved.get(call);
    if (hit !== undefined) return hit ?? undefined;
    const callee = unwrap(call.expression);
    let fn: Fn | undefined;
    if (ts.isIdentifier(callee)) fn = this.byName.get(callee.text);
    else if (ts.isPropertyAccessExpression(callee) && this.classes.size > 0)
      fn = this.resolveMember(call, callee);
    this.resolved.set(call, fn ?? null);
    return fn;
  }
}
