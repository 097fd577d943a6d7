import type ts from '../../lib/typescript.cjs';
import { flowForRule } from './guard-classes.js';
import { resolveCall, type ImportInfo } from './imports.js';
import { locationAsUrl } from './sources.js';
import type { FindingSpec, Flow, RuleContext, SecurityRule } from './types.js';

/** Rules indexed by the node kinds they inspect, so a node is shown only to its rules. */
export function rulesByKind(rules: readonly SecurityRule[]): (SecurityRule[] | undefined)[] {
  const byKind: (SecurityRule[] | undefined)[] = [];
  for (const rule of rules) {
    const seen = guardAware(rule);
    for (const k of rule.kinds) (byKind[k] ??= []).push(seen);
  }
  return byKind;
}

/**
 * Each rule's view of the engine: flows checked by a guard of a class that protects it are safe.
 * An engine has one context, so the view of the last context seen is kept (a lookup per visit).
 */
function guardAware(rule: SecurityRule): SecurityRule {
  let seen: RuleContext | undefined;
  let view: RuleContext | undefined;
  const viewOf = (ctx: RuleContext): RuleContext => {
    if (ctx !== seen || !view) {
      seen = ctx;
      view = { ...ctx, flow: (e) => flowForRule(ctx.flow(e), rule.id) };
    }
    return view;
  };
  return { id: rule.id, kinds: rule.kinds, visit: (node, ctx) => rule.visit(node, viewOf(ctx)) };
}

/** What a rule sees of the engine: flows in the current scope, resolved calls, reporting. */
export function createRuleContext(
  sf: ts.SourceFile,
  imports: Map<string, ImportInfo>,
  engine: { flow(e: ts.Expression): Flow; report(node: ts.Node, spec: FindingSpec): void },
): RuleContext {
  // several rules resolve the same call in a row: keep the last answer
  let lastCall: ts.Node | undefined;
  let lastResolved: ReturnType<typeof resolveCall>;
  return {
    sourceFile: sf,
    flow: (e) => locationAsUrl(engine.flow(e)),
    resolveCall: (c) => {
      if (c !== lastCall) {
        lastCall = c;
        lastResolved = resolveCall(c, imports);
      }
      return lastResolved;
    },
    moduleOf: (n) => imports.get(n)?.module,
    constString: (e) => {
      const f = engine.flow(e);
      return f.state === 'constant' ? f.value : undefined;
    },
    report: (node, spec) => engine.report(node, spec),
  };
}
