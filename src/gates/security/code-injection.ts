import ts from '../../lib/typescript.cjs';
import { isStringBuilding, objectProperty, receiverName, unwrap } from './ast.js';
import {
  definition,
  isParameterValue,
  levelOf,
  severityFor,
  sourceText,
  type Level,
} from './rule-kit.js';
import { isStringParameter } from './param-origin.js';
import type { RuleContext, SecurityRule } from './types.js';

const vmRunners = new Set([
  'runInContext',
  'runInNewContext',
  'runInThisContext',
  'compileFunction',
]);
/** vm classes whose first argument is source text: `new vm.Script(code)`, `new vm.SourceTextModule(code)`. */
const vmClasses = new Set(['Script', 'SourceTextModule']);
const timers = new Set(['setTimeout', 'setInterval', 'setImmediate', 'execScript']);
const FIX_EVAL =
  'Do not evaluate strings as code: parse data with JSON.parse, dispatch through a lookup table of allowed functions, or use a real sandbox (isolated process).';

function reportEval(
  ctx: RuleContext,
  node: ts.Node,
  level: Level,
  what: string,
  src: string,
): void {
  ctx.report(node, {
    rule: 'code-injection',
    cwe: 'CWE-95',
    severity: severityFor(level, 'critical', 'high', 'low'),
    message: `${what} evaluates ${level === 'unknown' ? 'a non-constant string' : `input from ${src}`} as code.`,
    fix: FIX_EVAL,
  });
}

/** Names of the global object: `global.eval(x)` is `eval(x)`. */
const globalObjects = new Set(['window', 'globalThis', 'global']);
/** Packages whose default export runs a string as JavaScript (`safeEval(code, ctx)`, `_eval(src)`). */
const evalModules = new Set(['safe-eval', 'eval', 'notevil']);

function checkEvalLike(node: ts.CallExpression | ts.NewExpression, ctx: RuleContext): void {
  const callee = unwrap(node.expression);
  const args = node.arguments ?? [];
  const r = ctx.resolveCall(node);
  if (!r) {
    if (callee.kind === ts.SyntaxKind.ImportKeyword && args[0])
      checkModuleLoad(node, args[0], 'import()', ctx);
    return;
  }
  const recv = receiverName(r.receiver);
  const global = !r.receiver || globalObjects.has(recv);
  if (evalModules.has(r.module ?? '') && args[0] && !r.receiver) {
    // notevil's `Function(...params, body)` takes the code last
    const code = (r.name === 'Function' ? args[args.length - 1] : args[0]) ?? args[0];
    const level = levelOf(ctx.flow(code));
    if (level !== 'none') reportEval(ctx, node, level, `${r.module}()`, sourceText(ctx.flow(code)));
    return;
  }
  if ((r.name === 'eval' && global) || (r.name === 'Function' && global)) {
    const body = r.name === 'eval' ? args[0] : args[args.length - 1];
    if (!body) return;
    const level = levelOf(ctx.flow(body));
    if (level !== 'none')
      reportEval(
        ctx,
        node,
        level,
        r.name === 'eval' ? 'eval()' : 'new Function()',
        sourceText(ctx.flow(body)),
      );
    return;
  }
  if (timers.has(r.name) && global && args[0]) {
    const a = unwrap(args[0]);
    const flow = ctx.flow(a);
    const stringy =
      ts.isStringLiteralLike(a) ||
      isStringBuilding(a) ||
      flow.state === 'tainted' ||
      isStringParameter(a);
    if (!stringy) return;
    const level = levelOf(flow);
    reportEval(
      ctx,
      node,
      level === 'none' ? 'unknown' : level,
      `${r.name}() with a string`,
      sourceText(flow),
    );
    return;
  }
  const isVm = r.module === 'vm' || recv === 'vm';
  if (isVm && (vmRunners.has(r.name) || vmClasses.has(r.name)) && args[0]) {
    const level = levelOf(ctx.flow(args[0]));
    if (level !== 'none')
      reportEval(ctx, node, level, `vm.${r.name}()`, sourceText(ctx.flow(args[0])));
    else checkVmContext(node, `vm.${r.name}()`, vmContextArgs(r.name, args), ctx);
    return;
  }
  // `new vm.Script(code).runInNewContext(ctx)`: a compiled script's context is its first argument
  if (isVmContextRun(r.name) && r.receiver && args[0] && isVmScript(r.receiver, ctx))
    checkVmContext(node, `Script.${r.name}()`, [args[0]], ctx);
  if (r.name === 'Worker' && r.module === 'worker_threads' && args[0] && evalOption(args[1])) {
    const level = levelOf(ctx.flow(args[0]));
    if (level !== 'none')
      reportEval(ctx, node, level, 'new Worker(…, { eval: true })', sourceText(ctx.flow(args[0])));
    return;
  }
  if (r.name === 'require' && !r.receiver && args[0])
    checkModuleLoad(node, args[0], 'require()', ctx);
  if (
    (r.name === 'unserialize' ||
      r.module === 'serialize-to-js' ||
      revivers(r) ||
      jsYaml(r, args)) &&
    args[0]
  )
    checkDeserialize(node, args[0], ctx);
}

/** `{ eval: true }`: worker_threads runs the first argument as script text, not a file. */
function evalOption(opts: ts.Expression | undefined): boolean {
  const o = opts && definition(opts);
  const v = o && ts.isObjectLiteralExpression(o) ? objectProperty(o, 'eval') : undefined;
  return v !== undefined && unwrap(v).kind === ts.SyntaxKind.TrueKeyword;
}

/** The context object a vm call runs in: `runInNewContext(code, ctx)`, `{ parsingContext }`. */
function vmContextArgs(name: string, args: readonly ts.Expression[]): ts.Expression[] {
  const out: ts.Expression[] = [];
  if (name === 'runInContext' || name === 'runInNewContext') {
    if (args[1]) out.push(args[1]);
  }
  const opts = args[name === 'compileFunction' ? 2 : args.length - 1];
  const o = opts && unwrap(opts);
  if (o && ts.isObjectLiteralExpression(o)) {
    for (const key of ['parsingContext', 'contextObject']) {
      const v = objectProperty(o, key);
      if (v) out.push(v);
    }
  }
  return out;
}

const isVmContextRun = (name: string): boolean =>
  name === 'runInContext' || name === 'runInNewContext';

/** A `vm.Script` instance: `new vm.Script(code)`, `new Script(code)` imported from vm. */
function isVmScript(receiver: ts.Expression, ctx: RuleContext): boolean {
  const e = definition(receiver);
  if (!ts.isNewExpression(e)) return false;
  const r = ctx.resolveCall(e);
  return r?.name === 'Script' && (r.module === 'vm' || receiverName(r.receiver) === 'vm');
}

/** Input placed into the global object of a vm context: the code there can be steered by it. */
function checkVmContext(
  node: ts.Node,
  what: string,
  contexts: readonly ts.Expression[],
  ctx: RuleContext,
): void {
  for (const a of contexts) {
    const def = definition(a);
    const inner =
      ts.isCallExpression(def) &&
      def.arguments[0] &&
      /createContext$/.test(def.expression.getText())
        ? def.arguments[0]
        : a;
    const flow = ctx.flow(inner);
    const level = levelOf(flow);
    if (level !== 'remote' && level !== 'local') continue;
    ctx.report(node, {
      rule: 'code-injection',
      cwe: 'CWE-94',
      severity: 'high',
      message: `${what} runs with ${sourceText(flow)} in its context object: the vm module is not a security boundary.`,
      fix: FIX_EVAL,
    });
    return;
  }
}

/**
 * js-yaml `load(text, { schema: DEFAULT_FULL_SCHEMA })` (js-yaml 3) or a `JS_SCHEMA`: the
 * `!!js/function` and `!!js/regexp` tags rebuild functions from the document.
 */
function jsYaml(r: { module: string | undefined; name: string }, args: readonly ts.Expression[]) {
  if (r.module !== 'js-yaml' || (r.name !== 'load' && r.name !== 'loadAll')) return false;
  const opts = args[args.length - 1];
  const o = opts && unwrap(opts);
  const schema = o && ts.isObjectLiteralExpression(o) ? objectProperty(o, 'schema') : undefined;
  return schema !== undefined && /\b(DEFAULT_FULL_SCHEMA|JS_SCHEMA)\b/.test(schema.getText());
}

/** Other deserializers that rebuild functions from their text: funcster, cryo. */
function revivers(r: { module: string | undefined; name: string }): boolean {
  return (
    (r.module === 'funcster' && r.name === 'deepDeserialize') ||
    (r.module === 'cryo' && r.name === 'parse')
  );
}

/** node-serialize's unserialize() runs `_$$ND_FUNC$$_` functions: deserializing input is code execution. */
function checkDeserialize(node: ts.Node, arg: ts.Expression, ctx: RuleContext): void {
  const flow = ctx.flow(arg);
  const level = levelOf(flow);
  if (level !== 'remote' && level !== 'local') return;
  ctx.report(node, {
    rule: 'code-injection',
    cwe: 'CWE-502',
    severity: level === 'remote' ? 'critical' : 'high',
    message: `Deserializing ${sourceText(flow)} with a function-reviving serializer executes attacker code.`,
    fix: 'Parse untrusted data with JSON.parse and validate it (zod); never use node-serialize, serialize-to-js, funcster or cryo on input.',
  });
}

function checkModuleLoad(node: ts.Node, arg: ts.Expression, what: string, ctx: RuleContext): void {
  const flow = ctx.flow(arg);
  const level = levelOf(flow);
  if (level === 'unknown' && isParameterValue(unwrap(arg))) {
    // Low: a plugin loader's job; a flaw only when untrusted input reaches the name.
    ctx.report(node, {
      rule: 'code-injection',
      cwe: 'CWE-94',
      severity: 'low',
      message: `${what} loads a module named by a caller's argument: whoever controls it chooses the code that runs.`,
      fix: 'Map the name to a fixed set of allowed modules (a lookup table) instead of passing it to require()/import().',
    });
    return;
  }
  if (level !== 'remote' && level !== 'local') return;
  ctx.report(node, {
    rule: 'code-injection',
    cwe: 'CWE-94',
    // low for local input: a CLI's `--plugin <path>` is the user running code they chose
    severity: level === 'remote' ? 'high' : 'low',
    message: `${what} loads a module named by ${sourceText(flow)}: an attacker can load and run arbitrary code.`,
    fix: 'Map the input to a fixed set of allowed module names (a lookup table) instead of passing it to require()/import().',
  });
}

/** The `obj[key]` a call runs: the callee itself, or its `.call/.apply` (`api[m].apply(api, args)`). */
function dynamicCallee(callee: ts.Expression): ts.ElementAccessExpression | undefined {
  if (ts.isElementAccessExpression(callee)) return callee;
  if (ts.isPropertyAccessExpression(callee) && /^(call|apply)$/.test(callee.name.text)) {
    const target = unwrap(callee.expression);
    return ts.isElementAccessExpression(target) ? target : undefined;
  }
  return undefined;
}

/**
 * `handlers[req.query.action](…)`, `window[name]()`: input chooses which function runs, any
 * method of the object or its prototype chain (`constructor`, `__proto__`…) included.
 */
function checkDynamicMethod(node: ts.CallExpression, ctx: RuleContext): void {
  const callee = dynamicCallee(unwrap(node.expression));
  if (!callee) return;
  const key = unwrap(callee.argumentExpression);
  if (ts.isStringLiteralLike(key) || ts.isNumericLiteral(key)) return;
  const flow = ctx.flow(key);
  const level = levelOf(flow);
  if (level !== 'remote' && level !== 'local') return;
  ctx.report(node, {
    rule: 'code-injection',
    cwe: 'CWE-94',
    severity: level === 'remote' ? 'high' : 'medium',
    message: `The method called is chosen by ${sourceText(flow)}: input can run any function the object (or its prototype chain) has.`,
    fix: 'Dispatch through an allow-list (a Map or a switch over the accepted names) instead of indexing an object with input.',
  });
}

export const codeInjectionRule: SecurityRule = {
  id: 'code-injection',
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  visit(node, ctx) {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) checkEvalLike(node, ctx);
    if (ts.isCallExpression(node)) checkDynamicMethod(node, ctx);
  },
};
