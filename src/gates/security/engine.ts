import ts from 'typescript';
import { isFunctionNode, rootName, unwrap } from './ast.js';
import { bindName, originsOf } from './binding.js';
import { elementFlow, evalFlow, type FlowHost } from './flow.js';
import { conditionChecks, exits, isNegated } from './guards.js';
import { collectImports, resolveCall, type ImportInfo } from './imports.js';
import {
  contextParamFlows,
  decoratedParamFlow,
  namedParamFlow,
  unwrapFn,
  isAssignment,
  isExportedFn,
} from './params.js';
import { CONSTANT, joinFlow, SAFE, Scope, UNKNOWN } from './scope.js';
import type { FindingSpec, Flow, RawFinding, RuleContext, SecurityRule } from './types.js';

export type { RawFinding } from './types.js';

type Fn = ts.FunctionLikeDeclaration;
type Mode = 'collect' | 'report' | 'summary';

const PARAM_MARK = '\u0000param';
const PARAM_TAINT: Flow = {
  state: 'tainted',
  taint: { kind: 'remote', source: PARAM_MARK, maybeObject: true },
};

/** Walks one file in source order, tracking taint per scope, and lets rules inspect each node. */
export class Engine {
  private mode: Mode = 'collect';
  private changed = false;
  private readonly imports: Map<string, ImportInfo>;
  private readonly functions = new Map<string, Fn>();
  private readonly callSites = new Map<Fn, Flow[]>();
  private readonly summaries = new Map<Fn, Flow[] | 'pending'>();
  private readonly returns: Flow[][] = [];
  private readonly findings: RawFinding[] = [];
  private readonly seen = new Set<string>();
  private current: Scope = new Scope(undefined, true);
  private readonly ctx: RuleContext;
  private readonly byKind = new Map<ts.SyntaxKind, SecurityRule[]>();

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly rules: readonly SecurityRule[],
  ) {
    this.imports = collectImports(sf);
    for (const rule of rules) {
      for (const k of rule.kinds) this.byKind.set(k, [...(this.byKind.get(k) ?? []), rule]);
    }
    this.collectFunctions(sf);
    let lastCall: ts.Node | undefined;
    let lastResolved: ReturnType<typeof resolveCall>;
    this.ctx = {
      sourceFile: sf,
      flow: (e) => this.flow(e, this.current),
      resolveCall: (c) => {
        if (c !== lastCall) {
          lastCall = c;
          lastResolved = resolveCall(c, this.imports);
        }
        return lastResolved;
      },
      constString: (e) => {
        const f = this.flow(e, this.current);
        return f.state === 'constant' ? f.value : undefined;
      },
      report: (node, spec) => this.report(node, spec),
    };
  }

  run(): RawFinding[] {
    // Collect passes find parameter taint of this file's functions from their call sites.
    for (let i = 0; i < 3 && this.functions.size > 0; i++) {
      this.changed = false;
      this.walkFile('collect');
      if (!this.changed) break;
    }
    this.walkFile('report');
    return this.findings;
  }

  private walkFile(mode: Mode): void {
    this.mode = mode;
    this.walkStatements(this.sf.statements, new Scope(undefined, true));
  }

  private collectFunctions(node: ts.Node): void {
    if (ts.isFunctionDeclaration(node) && node.name) this.functions.set(node.name.text, node);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const fn = unwrapFn(node.initializer);
      if (fn) this.functions.set(node.name.text, fn);
    }
    ts.forEachChild(node, (c) => this.collectFunctions(c));
  }

  private report(node: ts.Node, spec: FindingSpec): void {
    if (this.mode !== 'report') return;
    const start = this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf));
    const end = this.sf.getLineAndCharacterOfPosition(node.getEnd());
    const key = `${spec.rule}:${start.line}:${start.character}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push({
      ...spec,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
    });
  }

  flow(expr: ts.Expression, scope: Scope): Flow {
    return evalFlow(expr, this.host(scope));
  }

  private host(scope: Scope): FlowHost {
    return {
      lookup: (n) => scope.lookup(n),
      checkedState: (k) => scope.checkedState(k),
      imports: this.imports,
      callLocal: (call, args) => this.callLocal(call, args),
    };
  }

  /** Result of calling a function of this file: its return flows with parameters substituted. */
  private callLocal(call: ts.CallExpression, args: Flow[]): Flow | undefined {
    const callee = unwrap(call.expression);
    const fn = ts.isIdentifier(callee) ? this.functions.get(callee.text) : undefined;
    if (!fn) return undefined;
    const rets = this.summary(fn);
    if (rets.length === 0) return UNKNOWN;
    let out: Flow = CONSTANT;
    for (const r of rets) {
      if (r.state === 'tainted' && r.taint.source === PARAM_MARK) {
        for (const a of args) out = joinFlow(out, a.state === 'object' ? UNKNOWN : a);
      } else out = joinFlow(out, r.state === 'object' ? UNKNOWN : r);
    }
    return out;
  }

  private summary(fn: Fn): Flow[] {
    const cached = this.summaries.get(fn);
    if (cached === 'pending') return [UNKNOWN];
    if (cached) return cached;
    this.summaries.set(fn, 'pending');
    const saved = this.mode;
    this.mode = 'summary';
    const rets = this.walkFunction(
      fn,
      new Scope(undefined, true),
      fn.parameters.map(() => PARAM_TAINT),
    );
    this.mode = saved;
    this.summaries.set(fn, rets);
    return rets;
  }

  private visitRules(node: ts.Node, scope: Scope): void {
    if (this.mode !== 'report') return;
    const rules = this.byKind.get(node.kind);
    if (!rules) return;
    this.current = scope;
    for (const rule of rules) rule.visit(node, this.ctx);
  }

  private walkStatements(stmts: readonly ts.Statement[], scope: Scope): void {
    for (const st of stmts) {
      this.walk(st, scope);
      if (ts.isIfStatement(st) && exits(st.thenStatement))
        this.applyChecks(st.expression, scope, scope);
    }
  }

  private applyChecks(cond: ts.Expression, from: Scope, into: Scope): void {
    for (const c of conditionChecks(cond)) {
      into.markChecked(c.key, c.kind);
      const root = c.key.split('.')[0] ?? c.key;
      for (const o of from.lookup(root)?.origins ?? []) into.markChecked(o, c.kind);
    }
  }

  private walk(node: ts.Node, scope: Scope): void {
    this.visitRules(node, scope);
    if (isFunctionNode(node)) {
      this.walkFunction(node, scope);
      return;
    }
    if (ts.isBlock(node)) return this.walkStatements(node.statements, new Scope(scope, false));
    if (ts.isVariableDeclaration(node)) return this.walkDeclaration(node, scope);
    if (ts.isIfStatement(node)) return this.walkIf(node, scope);
    if (ts.isForOfStatement(node) || ts.isForInStatement(node)) return this.walkForIn(node, scope);
    if (ts.isCallExpression(node)) return this.walkCall(node, scope);
    if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind))
      return this.walkAssign(node, scope);
    if (ts.isReturnStatement(node) && node.expression) {
      this.walk(node.expression, scope);
      this.returns[this.returns.length - 1]?.push(this.flow(node.expression, scope));
      return;
    }
    if (ts.isCatchClause(node)) {
      const inner = new Scope(scope, false);
      if (node.variableDeclaration) this.bind(node.variableDeclaration.name, UNKNOWN, inner, []);
      return this.walkStatements(node.block.statements, inner);
    }
    ts.forEachChild(node, (c) => this.walk(c, scope));
  }

  private walkDeclaration(node: ts.VariableDeclaration, scope: Scope): void {
    if (!node.initializer) {
      this.bind(node.name, CONSTANT, scope, []);
      return;
    }
    this.walk(node.initializer, scope);
    this.bind(
      node.name,
      this.flow(node.initializer, scope),
      scope,
      this.origins(node.initializer, scope),
    );
  }

  private walkIf(node: ts.IfStatement, scope: Scope): void {
    this.walk(node.expression, scope);
    const neg = isNegated(node.expression);
    const thenScope = new Scope(scope, false);
    if (!neg) this.applyChecks(node.expression, scope, thenScope);
    this.walk(node.thenStatement, thenScope);
    if (node.elseStatement) {
      const elseScope = new Scope(scope, false);
      if (neg || exits(node.thenStatement)) this.applyChecks(node.expression, scope, elseScope);
      this.walk(node.elseStatement, elseScope);
    }
  }

  private walkForIn(node: ts.ForOfStatement | ts.ForInStatement, scope: Scope): void {
    this.walk(node.expression, scope);
    const inner = new Scope(scope, false);
    const f = this.flow(node.expression, scope);
    const item = ts.isForInStatement(node) ? (f.state === 'tainted' ? f : UNKNOWN) : elementFlow(f);
    const init = node.initializer;
    if (ts.isVariableDeclarationList(init)) {
      for (const d of init.declarations) this.bind(d.name, item, inner, []);
    } else if (ts.isIdentifier(init)) inner.assign(init.text, item, []);
    this.walk(node.statement, inner);
  }

  private walkCall(node: ts.CallExpression, scope: Scope): void {
    this.walk(node.expression, scope);
    for (const arg of node.arguments) {
      const fn = unwrapFn(arg);
      if (fn) {
        this.visitRules(arg, scope);
        this.walkFunction(fn, scope);
      } else this.walk(arg, scope);
    }
    if (this.mode !== 'collect') return;
    const callee = unwrap(node.expression);
    const target = ts.isIdentifier(callee) ? this.functions.get(callee.text) : undefined;
    if (!target) return;
    const prev = this.callSites.get(target) ?? [];
    const next = node.arguments.map((a, i) => {
      const f = this.flow(a, scope);
      const p = prev[i];
      const joined = p ? joinFlow(p, f) : f;
      if (p?.state !== joined.state) this.changed = true;
      return joined;
    });
    this.callSites.set(target, next);
  }

  private walkAssign(node: ts.BinaryExpression, scope: Scope): void {
    this.walk(node.right, scope);
    if (!ts.isIdentifier(node.left)) this.walk(node.left, scope);
    const value = this.flow(node.right, scope);
    const left = unwrap(node.left);
    if (ts.isIdentifier(left)) {
      const compound = node.operatorToken.kind !== ts.SyntaxKind.EqualsToken;
      const old = scope.lookup(left.text)?.flow;
      const flow = compound && old ? joinFlow(old, value) : value;
      scope.assign(left.text, flow, this.origins(node.right, scope));
      return;
    }
    const root = rootName(left);
    if (root !== undefined && value.state === 'tainted' && scope.lookup(root)) {
      const old = scope.lookup(root)?.flow ?? UNKNOWN;
      const joined = joinFlow(old, value);
      scope.assign(
        root,
        joined.state === 'tainted'
          ? { ...joined, taint: { ...joined.taint, maybeObject: true } }
          : joined,
        [],
      );
    }
  }

  private paramFlows(fn: Fn, scope: Scope): Flow[] {
    const fromContext = contextParamFlows(fn, {
      imports: this.imports,
      receiverFlow: (call) => {
        const callee = unwrap(call.expression);
        return ts.isPropertyAccessExpression(callee)
          ? this.flow(callee.expression, scope)
          : UNKNOWN;
      },
    });
    const sites = this.callSites.get(fn);
    return fn.parameters.map((param, i) => {
      const site = sites?.[i];
      if (site?.state === 'tainted') return site;
      const decorated = decoratedParamFlow(param);
      if (decorated) return decorated;
      const ctx = fromContext?.[i] ?? namedParamFlow(fn, i);
      if (ctx) return ctx;
      if (site && (site.state === 'constant' || site.state === 'safe') && !isExportedFn(fn))
        return SAFE;
      return UNKNOWN;
    });
  }

  /** Walks a function body in a new scope; returns the flows of its `return`s. */
  private walkFunction(fn: Fn, outer: Scope, given?: Flow[]): Flow[] {
    const scope = new Scope(outer, true);
    const flows = given ?? this.paramFlows(fn, outer);
    fn.parameters.forEach((p, i) => {
      const f = flows[i] ?? UNKNOWN;
      this.bind(p.name, p.dotDotDotToken && f.state === 'object' ? UNKNOWN : f, scope, []);
    });
    if (!fn.body) return [];
    this.returns.push([]);
    if (ts.isBlock(fn.body)) this.walkStatements(fn.body.statements, scope);
    else {
      this.walk(fn.body, scope);
      this.returns[this.returns.length - 1]?.push(this.flow(fn.body, scope));
    }
    return this.returns.pop() ?? [];
  }

  private bind(name: ts.BindingName, flow: Flow, scope: Scope, origins: string[]): void {
    bindName(name, flow, scope, origins, (e) => this.flow(e, scope));
  }

  private origins(expr: ts.Expression, scope: Scope): string[] {
    return originsOf(expr, scope);
  }
}
