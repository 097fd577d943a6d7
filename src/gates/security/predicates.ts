import ts from '../../lib/typescript.cjs';
import { chainRoot, isFunctionNode, unwrap } from './ast.js';
import { walkChildTrees, walkTree } from './binary-chain.js';
import { checksWhen, exits, finalize, type GuardEnv } from './guards.js';
import type { CheckKind } from './scope.js';

type Fn = ts.FunctionLikeDeclaration;

/** A parameter a predicate validates when it returns the given truth value. */
export interface ParamCheck {
  index: number;
  kind: CheckKind;
}

const cache = new WeakMap<Fn, [ParamCheck[], ParamCheck[]]>();
const inProgress = new WeakSet<Fn>();

function isBool(e: ts.Expression, value: boolean): boolean {
  const k = unwrap(e).kind;
  return k === (value ? ts.SyntaxKind.TrueKeyword : ts.SyntaxKind.FalseKeyword);
}

interface Body {
  returns: ts.Expression[];
  /** `if (cond) return false | throw …` at the top of the body. */
  rejects: ts.Expression[];
  /** Local variable → parameter indexes its initializer is built from. */
  derived: Map<string, Set<number>>;
}

function scan(fn: Fn): Body {
  const params = new Map<string, number>();
  fn.parameters.forEach((p, i) => {
    if (ts.isIdentifier(p.name)) params.set(p.name.text, i);
  });
  const out: Body = { returns: [], rejects: [], derived: new Map() };
  const rootsOf = (e: ts.Node): Set<number> => {
    const s = new Set<number>();
    const visit = (n: ts.Node): boolean => {
      if (ts.isIdentifier(n)) {
        const i = params.get(n.text);
        if (i !== undefined) s.add(i);
        for (const j of out.derived.get(n.text) ?? []) s.add(j);
      }
      return !isFunctionNode(n);
    };
    walkTree(e, visit);
    return s;
  };
  for (const [name, i] of params) out.derived.set(name, new Set([i]));
  const visit = (n: ts.Node): boolean => {
    if (ts.isReturnStatement(n) && n.expression) out.returns.push(n.expression);
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer)
      out.derived.set(n.name.text, rootsOf(n.initializer));
    return !isFunctionNode(n);
  };
  const body = fn.body;
  if (!body) return out;
  if (!ts.isBlock(body)) out.returns.push(body);
  else {
    walkChildTrees(body, visit);
    for (const st of body.statements) {
      if (!ts.isIfStatement(st) || st.elseStatement || !exits(st.thenStatement)) continue;
      const then = ts.isBlock(st.thenStatement) ? st.thenStatement.statements[0] : st.thenStatement;
      const rejects =
        then !== undefined &&
        (ts.isThrowStatement(then) ||
          (ts.isReturnStatement(then) && (!then.expression || isBool(then.expression, false))));
      if (rejects) out.rejects.push(st.expression);
    }
  }
  return out;
}

function toParams(
  expr: ts.Expression,
  truth: boolean,
  body: Body,
  env: GuardEnv,
): Map<number, CheckKind> {
  const out = new Map<number, CheckKind>();
  for (const c of finalize(checksWhen(expr, truth, env))) {
    const root = chainRoot(c.key);
    for (const i of body.derived.get(root) ?? []) {
      if (out.get(i) !== 'full') out.set(i, c.kind);
    }
  }
  return out;
}

/** What two checks both prove: the narrower one when one is full, else only an equal one. */
function meet(a: CheckKind | undefined, b: CheckKind | undefined): CheckKind | undefined {
  if (a === b || b === 'full') return a;
  return a === 'full' ? b : undefined;
}

function intersect(maps: Map<number, CheckKind>[]): Map<number, CheckKind> {
  const [first, ...rest] = maps;
  if (!first) return new Map();
  const out = new Map<number, CheckKind>();
  for (const [i, k] of first) {
    let kind: CheckKind | undefined = k;
    for (const m of rest) {
      kind = meet(kind, m.get(i));
      if (!kind) break;
    }
    if (kind) out.set(i, kind);
  }
  return out;
}

function analyse(fn: Fn, env: GuardEnv): [ParamCheck[], ParamCheck[]] {
  const body = scan(fn);
  const list = (m: Map<number, CheckKind>): ParamCheck[] =>
    [...m].map(([index, kind]) => ({ index, kind }));
  // true: every non-false return proves its checks, plus the rejections before it
  const truthy = body.returns.filter((r) => !isBool(r, false));
  const whenTrue = intersect(truthy.map((r) => toParams(r, true, body, env)));
  for (const cond of body.rejects) {
    for (const [i, k] of toParams(cond, false, body, env)) {
      if (whenTrue.get(i) !== 'full') whenTrue.set(i, k);
    }
  }
  const falsy = body.returns.filter((r) => !isBool(r, true));
  const whenFalse = intersect(falsy.map((r) => toParams(r, false, body, env)));
  return [list(whenTrue), list(whenFalse)];
}

/**
 * Parameters a predicate of this file (`isSafePath(p)`, `isBlocked(u)`) validates when it returns
 * `truth`, judged by its body rather than its name.
 */
export function predicateChecks(fn: Fn, truth: boolean, env: GuardEnv): ParamCheck[] {
  let cached = cache.get(fn);
  if (!cached) {
    if (inProgress.has(fn)) return [];
    inProgress.add(fn);
    cached = analyse(fn, env);
    inProgress.delete(fn);
    cache.set(fn, cached);
  }
  return truth ? cached[0] : cached[1];
}
