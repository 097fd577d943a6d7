import type ts from 'typescript';
import type { Severity } from '../types.js';
import type { GuardClass } from './guard-classes.js';
import type { ResolvedCall } from './imports.js';

/** Where tainted data came from: remote (HTTP, browser, network) or local (argv, env, files). */
export type SourceKind = 'remote' | 'local';

export interface Taint {
  kind: SourceKind;
  /** Human-readable origin, e.g. `req.query`. */
  source: string;
  /** True when the value may be an object/array (JSON bodies, parsed query strings). */
  maybeObject: boolean;
  /** 1-based line where the input is first read, for "source line → sink line" messages. */
  line?: number;
  /**
   * Only on a parameter's stand-in while a return summary is computed: the members read from the
   * parameter (`return r.query` → `['query']`), so that a caller passing a request object gets
   * `request.query` back rather than an unknown value.
   */
  path?: readonly string[];
  /** Guard classes the value went through (`'path'`: checked against `..`), safe for their rules only. */
  safeFor?: readonly GuardClass[];
}

/** Objects whose members are sources (`req.query`), not sources themselves. */
export type ObjectKind =
  | 'request'
  | 'koa-ctx'
  | 'event'
  | 'response'
  | 'location'
  | 'document'
  | 'window'
  | 'process'
  | 'storage'
  | 'route'
  | 'rpc-call';

/** What the taint engine knows about an expression's value. */
export type Flow =
  | { state: 'constant'; value?: string }
  | { state: 'safe' }
  | { state: 'unknown' }
  | { state: 'tainted'; taint: Taint }
  | { state: 'object'; kind: ObjectKind };

/** A finding with its position (1-based line and column). */
export interface RawFinding extends FindingSpec {
  line: number;
  column: number;
  endLine: number;
}

export interface FindingSpec {
  rule: string;
  cwe: string;
  severity: Severity;
  message: string;
  fix: string;
}

/** What a rule sees: the node, the file, and the taint engine at this program point. */
export interface RuleContext {
  readonly sourceFile: ts.SourceFile;
  /** Flow of an expression at the current program point. */
  flow(expr: ts.Expression): Flow;
  /** Callee of a call with the module it was imported/required from (`child_process`). */
  resolveCall(call: ts.CallExpression | ts.NewExpression): ResolvedCall | undefined;
  /** Module an identifier was imported/required from (`https` for `import https from 'node:https'`). */
  moduleOf(name: string): string | undefined;
  /** Constant string value of an expression when it folds to one. */
  constString(expr: ts.Expression): string | undefined;
  report(node: ts.Node, spec: FindingSpec): void;
}

export interface SecurityRule {
  /** Rule family id, e.g. `command-injection`. */
  readonly id: string;
  /** Node kinds the rule inspects (the engine only calls `visit` for these). */
  readonly kinds: readonly ts.SyntaxKind[];
  /** Called for every node, in source order, with the taint state at that point. */
  visit(node: ts.Node, ctx: RuleContext): void;
}
