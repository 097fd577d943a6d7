import ts from '../../lib/typescript.cjs';
import { isFunctionNode, propertyNameText, unwrap } from './ast.js';
import { assignName, bindName, originsOf, receiverFlow } from './binding.js';
import { elementFlow, evalFlow, type FlowHost } from './flow.js';
import { scopeHost, type FileFacts } from './scope-host.js';
import { applyChecks, applyStatementChecks } from './apply-checks.js';
import { clauseScope } from './switch-cases.js';
import { overflowed, tooDeep } from './deep-nesting.js';
import { FindingSink } from './findings.js';
import { guardEnv, type GuardEnv } from './guards.js';
import { collectImports, recordAlias, usesArchiveLibrary, type ImportInfo } from './imports.js';
import { LocalFunctions } from './locals.js';
import { createRuleContext, rulesByKind } from './rule-context.js';
import { paramFlowsFor, unwrapFn, isAssignment } from './params.js';
import { CONSTANT, joinFlow, paramTaint, Scope, UNKNOWN } from './scope.js';
import type { FindingSpec, Flow, RawFinding, RuleContext, SecurityRule } from './types.js';
import { sourceOrder, walkPlan, type WalkPlan } from './walk-plan.js';
import { walkedSpecially } from './walk-kinds.js';
import { rightLinks, walkLinks } from './binary-chain.js';
import { CallSites } from './call-sites.js';
import { FunctionSummaries } from './summaries.js';
import { EmitterListeners } from './emitter-listeners.js';
import { parameterProperties, ThisFields } from './this-fields.js';
import { Stores } from './stores.js';
import { ImplicitGlobals } from './implicit-globals.js';

export type { RawFinding } from './types.js';

type Fn = ts.FunctionLikeDeclaration;

type Mode = 'report' | 'summary';

/** Walks one file in source order, tracking taint per scope, and lets rules inspect each node. */
export class Engine {
  private mode: Mode = 'report';
  private readonly imports: Map<string, ImportInfo>;
  private readonly locals: LocalFunctions;
  private readonly guards: GuardEnv;
  private readonly callbackResults = new Map<ts.Node, Flow>();
  /** One expression-evaluation host per scope (a scope's lookups see its later bindings too). */
  private readonly hosts = new Map<Scope, FlowHost>();
  private readonly callSites = new CallSites();
  private readonly fields = new ThisFields();
  private readonly globals = new ImplicitGlobals();
  private readonly stores = new Stores(this.fields, () => this.mode !== 'summary');
  private readonly summaries = new FunctionSummaries((fn, outer) => this.summarise(fn, outer));
  private readonly emitters: EmitterListeners;
  private readonly returns: Flow[][] = [];
  private sink: FindingSink;
  /** Whether call sites are learnt, and which functions are walked after their callers. */
  private plan: WalkPlan = sourceOrder;
  private learning = false; // this pass only learns call sites: rules do not run
  private current: Scope = new Scope(undefined, true);
  private readonly ctx: RuleContext;
  private readonly facts: FileFacts;
  /** Rules by node kind (an array indexed by kind: looked up for every node). */
  private readonly byKind: readonly (SecurityRule[] | undefined)[];
  /** The scope `walkChild` walks in: set around each `ts.forEachChild` (see `walkChildren`). */
  private childScope = new Scope(undefined, true);
  private readonly walkChild = (child: ts.Node): void => this.walk(child, this.childScope);

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly rules: readonly SecurityRule[],
  ) {
    this.imports = collectImports(sf);
    this.sink = new FindingSink(sf);
    this.byKind = rulesByKind(rules);
    this.locals = new LocalFunctions(sf);
    this.emitters = new EmitterListeners(sf, (e) => unwrapFn(e) ?? this.locals.named(e));
    this.guards = guardEnv((n) => this.locals.byName.get(n));
    this.facts = {
      imports: this.imports,
      guards: this.guards,
      archive: usesArchiveLibrary(this.imports),
      fields: this.fields,
      globals: this.globals,
      callLocal: (call, args, site) => this.callLocal(call, args, site),
      callbackResult: (call) => this.callbackResults.get(call),
    };
    this.ctx = createRuleContext(sf, this.imports, {
      flow: (e) => this.flow(e, this.current),
      report: (node, spec) => this.report(node, spec),
    });
  }

  /**
   * Parameters of this file's functions take their flows from the call sites, so function bodies
   * are walked after the statements that call them (walk-order.ts), and the pass repeats only when
   * a body was walked before a call site changed what its parameters may hold (a learning pass
   * without rules comes first where that is bound to happen: ADR 0044). A file whose calls pass
   * nothing to its own functions is walked once, in source order.
   */
  run(): RawFinding[] {
    this.plan = walkPlan(this.sf, this.locals, this.emitters.active);
    if (this.plan.learningPass) this.walkPass(true);
    for (let i = 0; i < 4; i++) {
      this.walkPass(false);
      const stale = this.fields.stale() || this.globals.stale();
      if ((!this.plan.learns || !this.callSites.stale()) && !stale) break;
    }
    return this.sink.findings;
  }

  /** One walk of the file, its findings in a new sink; a learning pass runs no rules. */
  private walkPass(learning: boolean): void {
    this.learning = learning;
    this.sink = new FindingSink(this.sf);
    this.callSites.startPass();
    this.summaries.startPass();
    this.fields.startPass();
    this.globals.startPass();
    this.walkFile();
  }

  private walkFile(): void {
    const scope = new Scope(undefined, true);
    this.walkStatements(this.sf.statements, scope);
    for (const fn of this.plan.order) this.walkFunction(fn, scope);
  }

  private report(node: ts.Node, spec: FindingSpec): void {
    if (this.mode === 'report') this.sink.add(node, spec);
  }

  flow(expr: ts.Expression, scope: Scope): Flow {
    return evalFlow(expr, this.host(scope));
  }

  private host(scope: Scope): FlowHost {
    let host = this.hosts.get(scope);
    if (!host) this.hosts.set(scope, (host = scopeHost(scope, this.facts)));
    return host;
  }

  /** Result of calling a function of this file (summaries.ts). */
  private callLocal(call: ts.CallExpression, args: Flow[], site?: Scope): Flow | undefined {
    const fn = this.locals.target(call);
    return fn ? this.summaries.call(call, fn, args, site) : undefined;
  }

  private summarise(fn: Fn, outer: Scope): Flow[] {
    const saved = this.mode;
    this.mode = 'summary';
    try {
      return this.walkFunction(
        fn,
        outer,
        fn.parameters.map((_, i) => paramTaint(i)),
      );
    } finally {
      this.mode = saved;
    }
  }

  /** Walks the children of a node in a scope, with one callback for every scope. */
  private walkChildren(node: ts.Node, scope: Scope): void {
    const outer = this.childScope;
    this.childScope = scope;
    ts.forEachChild(node, this.walkChild);
    this.childScope = outer;
  }

  private visitRules(node: ts.Node, scope: Scope): void {
    if (this.mode !== 'report' || this.learning) return;
    const rules = this.byKind[node.kind];
    if (!rules) return;
    this.current = scope;
    for (const rule of rules) rule.visit(node, this.ctx);
  }

  private walkStatements(stmts: readonly ts.Statement[], scope: Scope): void {
    for (const st of stmts) {
      const [mode, childScope, depth] = [this.mode, this.childScope, this.returns.length];
      if (!overflowed(() => this.walk(st, scope)))
        applyStatementChecks(st, scope, this.locals, this.guards);
      else {
        Object.assign(this, { mode, childScope });
        this.returns.length = depth;
        this.report(st, tooDeep('statement'));
      }
    }
  }

  private walk(node: ts.Node, scope: Scope): void {
    this.visitRules(node, scope);
    if (walkedSpecially[node.kind] !== 1) {
      this.walkChildren(node, scope);
      return;
    }
    if (isFunctionNode(node)) {
      if (!this.plan.deferred.has(node)) this.walkFunction(node, scope);
      return;
    }
    if (ts.isBlock(node)) return this.walkStatements(node.statements, new Scope(scope, false));
    if (ts.isVariableDeclaration(node)) return this.walkDeclaration(node, scope);
    if (ts.isIfStatement(node)) return this.walkIf(node, scope);
    if (ts.isForOfStatement(node) || ts.isForInStatement(node)) return this.walkForIn(node, scope);
    if (ts.isCallExpression(node)) return this.walkCall(node, scope);
    if (ts.isNewExpression(node)) return this.walkNew(node, scope);
    // an enum's members are the constants it declares (`Mode.Fast`)
    if (ts.isEnumDeclaration(node)) return this.bind(node.name, CONSTANT, scope, []);
    if (ts.isPropertyDeclaration(node) && node.initializer) {
      this.walk(node.initializer, scope);
      return this.stores.field(
        node,
        propertyNameText(node.name),
        this.flow(node.initializer, scope),
      );
    }
    if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind))
      return this.walkAssign(node, scope);
    if (ts.isBinaryExpression(node)) {
      const walk = (n: ts.Node): void => this.walk(n, scope);
      return walkLinks(node, isAssignment, walk, (link) => this.visitRules(link, scope));
    }
    if (ts.isReturnStatement(node) && node.expression) {
      this.walk(node.expression, scope);
      this.returns[this.returns.length - 1]?.push(this.flow(node.expression, scope));
      return;
    }
    if (ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      const inner = clauseScope(node, scope, (expr) => this.walk(expr, scope));
      return this.walkStatements(node.statements, inner);
    }
    if (ts.isCatchClause(node)) {
      const inner = new Scope(scope, false);
      if (node.variableDeclaration) this.bind(node.variableDeclaration.name, UNKNOWN, inner, []);
      return this.walkStatements(node.block.statements, inner);
    }
    this.walkChildren(node, scope);
  }

  private walkDeclaration(node: ts.VariableDeclaration, scope: Scope): void {
    recordAlias(node, this.imports);
    const init = node.initializer;
    if (!init) return this.bind(node.name, CONSTANT, scope, []);
    this.walk(init, scope);
    this.bind(node.name, this.flow(init, scope), scope, originsOf(init, scope));
  }

  private walkIf(node: ts.IfStatement, scope: Scope): void {
    this.walk(node.expression, scope);
    const thenScope = new Scope(scope, false);
    applyChecks(node.expression, true, scope, thenScope, this.guards);
    this.walk(node.thenStatement, thenScope);
    if (node.elseStatement) {
      const elseScope = new Scope(scope, false);
      applyChecks(node.expression, false, scope, elseScope, this.guards);
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
        const rets = this.walkFunction(fn, scope);
        this.callbackResults.set(node, rets.reduce(joinFlow, CONSTANT));
      } else this.walk(arg, scope);
    }
    this.stores.call(node, scope, this.host(scope));
    this.recordCallSite(node, scope);
  }

  private walkNew(node: ts.NewExpression, scope: Scope): void {
    this.walkChildren(node, scope);
    this.recordCallSite(node, scope);
  }

  /** What a call passes to a function of this file (learning passes only). */
  private recordCallSite(node: ts.CallExpression | ts.NewExpression, scope: Scope): void {
    if (this.mode === 'summary' || !this.plan.learns || !node.arguments) return;
    const listeners = this.emitters.listenersOf(node);
    const flowOf = (arg: ts.Expression): Flow => this.flow(arg, scope);
    const site = this.locals.site(node);
    this.callSites.recordCall(site?.args ?? node.arguments, site?.fn, listeners, flowOf);
  }

  /** `a = b = … = x` in a loop: rules see each link, x is walked, the links assign innermost first. */
  private walkAssign(node: ts.BinaryExpression, scope: Scope): void {
    const links = rightLinks(node, isAssignment);
    for (const link of links.slice(1)) this.visitRules(link, scope);
    this.walk((links[links.length - 1] as ts.BinaryExpression).right, scope);
    for (const link of links.reverse()) {
      if (!ts.isIdentifier(link.left)) this.walk(link.left, scope);
      const value = this.flow(link.right, scope);
      const left = unwrap(link.left);
      if (ts.isIdentifier(left)) {
        const bound = assignName(link, left.text, value, scope);
        if (bound.implicit && this.mode === 'report') this.globals.set(left.text, bound.flow);
      } else this.stores.member(left, value, scope);
    }
  }

  private paramFlows(fn: Fn, scope: Scope): Flow[] {
    return paramFlowsFor(fn, this.callSites.get(fn), {
      imports: this.imports,
      receiverFlow: (call) => receiverFlow(call, (e) => this.flow(e, scope)),
    });
  }

  /** Walks a function body in a new scope; returns the flows of its `return`s. */
  private walkFunction(fn: Fn, outer: Scope, given?: Flow[]): Flow[] {
    if (this.mode === 'summary') return this.walkBody(fn, outer, given);
    this.callSites.enter(fn);
    try {
      return this.walkBody(fn, outer, given);
    } finally {
      this.callSites.leave(fn);
    }
  }

  private walkBody(fn: Fn, outer: Scope, given?: Flow[]): Flow[] {
    const scope = new Scope(outer, true);
    const flows = given ?? this.paramFlows(fn, outer);
    const props = parameterProperties(fn);
    fn.parameters.forEach((p, i) => {
      const f = flows[i] ?? UNKNOWN;
      this.bind(p.name, p.dotDotDotToken && f.state === 'object' ? UNKNOWN : f, scope, []);
      if (props[i] !== undefined) this.stores.field(fn.body ?? fn, props[i], f);
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
    bindName(name, flow, scope, origins, this.host(scope));
  }
}
