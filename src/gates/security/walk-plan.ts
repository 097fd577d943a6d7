import type ts from '../../lib/typescript.cjs';
import { firstPassIsStale } from './first-pass.js';
import type { LocalFunctions } from './locals.js';
import { callerFirst, topLevelFunctions } from './walk-order.js';

type Fn = ts.FunctionLikeDeclaration;

/** How the engine walks a file: which functions wait for their callers, and in what order. */
export interface WalkPlan {
  /** Calls pass arguments to functions of this file: call sites are recorded. */
  learns: boolean;
  /** Top-level functions whose bodies are walked after the file's statements. */
  deferred: ReadonlySet<Fn>;
  order: readonly Fn[];
  /** The first pass is bound to be stale (first-pass.ts): it learns, without the rules. */
  learningPass: boolean;
}

/** A file whose calls pass nothing to its own functions: one walk, in source order. */
export const sourceOrder: WalkPlan = {
  learns: false,
  deferred: new Set(),
  order: [],
  learningPass: false,
};

/** The plan for one file: its top-level functions callers first, and whether to learn first. */
export function walkPlan(sf: ts.SourceFile, locals: LocalFunctions, emitters: boolean): WalkPlan {
  const learns = (locals.size > 0 && locals.hasCallsWithArguments()) || emitters;
  if (!learns) return sourceOrder;
  const fns = topLevelFunctions(sf);
  const deferred = new Set(fns);
  const order = callerFirst(fns, locals.calls, (c) => locals.target(c));
  return { learns, deferred, order, learningPass: firstPassIsStale(locals, deferred, order) };
}
