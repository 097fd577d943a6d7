import ts from '../../lib/typescript.cjs';
import { isFunctionNode, propertyNameText, unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';
import { callbackSite } from './callback-sites.js';
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

/** The function a class property holds (`handle = async (req) => …`), if any. */
export function fieldFunction(m: ts.ClassElement): Fn | undefined {
  return ts.isPropertyDeclaration(m) && m.initializer ? unwrapFn(m.initializer) : undefined;
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
  /** Owners that are object literals or plain objects (`helpers.wrap`), called only by their name. */
  private readonly plainObjects = new Set<string>();
  private readonly resolved = new Map<ts.Node, Fn | null>();
  /** Calls (and `new` expressions) that pass arguments, in source order. */
  readonly calls: (ts.CallExpression | ts.NewExpression)[] = [];

  constructor(sf: ts.SourceFile) {
    walkTree(sf, (node) => {
      this.collect(node);
      return true;
    });
  }

  get size(): number {
    return this.byName.size + this.classes.size;
  }

  private collect(node: ts.Node): void {
    switch (node.kind) {
      case ts.SyntaxKind.FunctionDeclaration: {
        const name = (node as ts.FunctionDeclaration).name;
        if (name) this.declare(name.text, node as ts.FunctionDeclaration);
        break;
      }
      case ts.SyntaxKind.VariableDeclaration:
        this.collectVariable(node as ts.VariableDeclaration);
        break;
      case ts.SyntaxKind.ClassDeclaration: {
        const name = (node as ts.ClassDeclaration).name;
        if (name) this.collectClass(name.text, node as ts.ClassDeclaration);
        break;
      }
      case ts.SyntaxKind.BinaryExpression:
        if (
          (node as ts.BinaryExpression).operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isExpressionStatement(node.parent) &&
          ts.isSourceFile(node.parent.parent)
        )
          this.collectMemberAssignment(node as ts.BinaryExpression);
        break;
      case ts.SyntaxKind.CallExpression:
      case ts.SyntaxKind.NewExpression:
        if ((node as ts.CallExpression | ts.NewExpression).arguments?.length)
          this.calls.push(node as ts.CallExpression | ts.NewExpression);
        break;
    }
  }

  /** Every function a name is declared for, with the block that holds the declaration. */
  private readonly declared = new Map<string, { fn: Fn; block: ts.Node }[]>();

  private declare(name: string, fn: Fn): void {
    this.byName.set(name, fn);
    let block: ts.Node = fn.parent;
    while (block.parent && !ts.isBlock(block) && !ts.isSourceFile(block)) block = block.parent;
    const list = this.declared.get(name);
    if (list) list.push({ fn, block });
    else this.declared.set(name, [{ fn, block }]);
  }

  /**
   * The function a name means where it is called: of several same-named functions (a `build`
   * helper in each route handler), the one declared in the innermost block around the call.
   */
  private lexical(name: string, call: ts.Node): Fn | undefined {
    const list = this.declared.get(name);
    if (!list || list.length < 2) return this.byName.get(name);
    let best: { fn: Fn; block: ts.Node } | undefined;
    for (const d of list) {
      const holds = d.block.pos <= call.pos && call.end <= d.block.end;
      if (holds && (!best || d.block.pos >= best.block.pos)) best = d;
    }
    return best?.fn ?? this.byName.get(name);
  }

  private collectVariable(node: ts.VariableDeclaration): void {
    if (!ts.isIdentifier(node.name) || !node.initializer) return;
    const fn = unwrapFn(node.initializer);
    if (fn) this.declare(node.name.text, fn);
    // Module-level helper objects only: names like `host` or `ctx` inside functions are reused.
    if (ts.isSourceFile(node.parent.parent.parent))
      this.collectObject(node.name.text, unwrap(node.initializer));
  }

  /** Some call passes arguments to a function of this file (else call sites teach nothing). */
  /** The function of this file an identifier names (`onJob` in `bus.on('job', onJob)`). */
  named(e: ts.Expression): Fn | undefined {
    return ts.isIdentifier(e) ? this.lexical(e.text, e) : undefined;
  }

  hasCallsWithArguments(): boolean {
    return this.calls.some((c) => this.site(c) !== undefined);
  }

  private info(name: string): ClassInfo {
    let info = this.classes.get(name);
    if (!info) {
      info = { methods: new Map(), fields: new Map() };
      this.classes.set(name, info);
    }
    return info;
  }

  private addMethod(owner: string, name: string, fn: Fn): void {
    const info = this.info(owner);
    if (info.methods.has(name)) return;
    info.methods.set(name, fn);
    this.methodOwners.set(name, [...(this.methodOwners.get(name) ?? []), owner]);
  }

  /** `const helpers = { wrap(x) {…}, quote: (x) => … }`: its functions are called as `helpers.wrap(…)`. */
  private collectObject(name: string, init: ts.Expression): void {
    if (!ts.isObjectLiteralExpression(init)) return;
    if (!this.classes.has(name)) this.plainObjects.add(name);
    for (const p of init.properties) {
      const pName = p.name && propertyNameText(p.name);
      if (pName === undefined) continue;
      if (ts.isMethodDeclaration(p)) this.addMethod(name, pName, p);
      else if (ts.isPropertyAssignment(p)) {
        const fn = unwrapFn(p.initializer);
        if (fn) this.addMethod(name, pName, fn);
      }
    }
  }

  /** `Widget.prototype.render = function (…) {…}`, `utils.quote = (x) => …`. */
  private collectMemberAssignment(node: ts.BinaryExpression): void {
    const left = unwrap(node.left);
    if (!ts.isPropertyAccessExpression(left)) return;
    const base = unwrap(left.expression);
    const fn = unwrapFn(node.right);
    if (fn) {
      const proto = ts.isPropertyAccessExpression(base) && base.name.text === 'prototype';
      const owner = proto ? unwrap(base.expression) : base;
      if (!ts.isIdentifier(owner)) return;
      if (!proto && !this.classes.has(owner.text)) this.plainObjects.add(owner.text);
      this.addMethod(owner.text, left.name.text, fn);
      return;
    }
    const obj = unwrap(node.right);
    if (left.name.text === 'prototype' && ts.isIdentifier(base)) this.collectObject(base.text, obj);
  }

  private collectClass(name: string, cls: ts.ClassDeclaration): void {
    this.plainObjects.delete(name);
    const info = this.info(name);
    for (const m of cls.members) {
      if (ts.isConstructorDeclaration(m) && m.body) {
        info.methods.set('constructor', m);
        continue;
      }
      const mName = m.name && propertyNameText(m.name);
      // `run = (cmd: string) => …`: a property holding an arrow function is called like a method
      const fn = isFunctionNode(m) ? m : fieldFunction(m);
      if (!mName || !fn) continue;
      this.addMethod(name, mName, fn);
    }
    fieldsOf(cls, info.fields);
    const ext = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
    const base = ext?.types[0]?.expression;
    if (base && ts.isIdentifier(base)) info.base = base.text;
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
    const owners = (this.methodOwners.get(name) ?? []).filter(
      (o) => o !== except && !this.plainObjects.has(o),
    );
    return owners.length === 1 ? this.method(owners[0], name) : undefined;
  }

  private classOfInstance(recv: ts.Expression): string | undefined {
    if (ts.isNewExpression(recv) && ts.isIdentifier(recv.expression)) return recv.expression.text;
    if (!ts.isIdentifier(recv)) return undefined;
    if (this.classes.has(recv.text)) return recv.text; // static method
    const def = definition(recv);
    if (ts.isNewExpression(def) && ts.isIdentifier(def.expression)) return def.expression.text;
    const lower = recv.text.toLowerCase();
    for (const name of this.classes.keys())
      if (name.toLowerCase() === lower && !this.plainObjects.has(name)) return name;
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

  /** `new Widget(…)` runs the class's constructor, or the constructor function `function Widget(…)`. */
  private constructorOf(name: string): Fn | undefined {
    const info = this.classes.get(name);
    return info?.methods.get('constructor') ?? this.byName.get(name);
  }

  /** The function or method of this file a call runs, if it can be told without types. */
  private aliasOf(e: ts.Expression): Fn | undefined {
    return ts.isIdentifier(e) ? this.alias(e) : undefined;
  }

  /** `const f = run; f(x)`: a constant that names a function of this file. */
  private alias(name: ts.Identifier): Fn | undefined {
    const def = definition(name);
    return def !== name && ts.isIdentifier(def) ? this.lexical(def.text, name) : undefined;
  }

  /**
   * The function of this file a call runs and the arguments its parameters receive: a direct
   * call, or `f.call(self, …args)` / `f.apply(self, [args])` (the receiver is not a parameter).
   */
  site(
    call: ts.CallExpression | ts.NewExpression,
  ): { fn: Fn; args: readonly ts.Expression[] } | undefined {
    const direct = this.target(call);
    if (direct) return { fn: direct, args: call.arguments ?? [] };
    const callee = unwrap(call.expression);
    if (!ts.isCallExpression(call)) return undefined;
    const callback = callbackSite(call, (e) => this.named(e) ?? this.aliasOf(e));
    if (callback) return callback;
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const how = callee.name.text;
    const inner = unwrap(callee.expression);
    if ((how !== 'call' && how !== 'apply') || !ts.isIdentifier(inner)) return undefined;
    const fn = this.lexical(inner.text, call) ?? this.alias(inner);
    if (!fn) return undefined;
    const rest = call.arguments.slice(1);
    if (how === 'call') return { fn, args: rest };
    const list = rest[0] && unwrap(rest[0]);
    if (!list || !ts.isArrayLiteralExpression(list)) return undefined;
    return { fn, args: list.elements.filter((e) => !ts.isSpreadElement(e)) };
  }

  target(call: ts.CallExpression | ts.NewExpression): Fn | undefined {
    const hit = this.resolved.get(call);
    if (hit !== undefined) return hit ?? undefined;
    const callee = unwrap(call.expression);
    let fn: Fn | undefined;
    if (ts.isNewExpression(call))
      fn = ts.isIdentifier(callee) ? this.constructorOf(callee.text) : undefined;
    else if (ts.isIdentifier(callee)) fn = this.lexical(callee.text, call) ?? this.alias(callee);
    else if (ts.isPropertyAccessExpression(callee) && this.methodOwners.has(callee.name.text))
      fn = this.resolveMember(call, callee);
    this.resolved.set(call, fn ?? null);
    return fn;
  }
}
