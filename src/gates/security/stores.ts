import ts from '../../lib/typescript.cjs';
import { rootName } from './ast.js';
import { evalFlow, type FlowHost } from './flow.js';
import { storeOf } from './mutators.js';
import { CONSTANT, joinFlow, UNKNOWN, type Scope } from './scope.js';
import { thisMemberHead, type ThisFields } from './this-fields.js';
import type { Flow } from './types.js';

/** A tainted flow that may now be an object holding the input (a container, a record). */
function asContainer(flow: Flow): Flow {
  return flow.state === 'tainted' ? { ...flow, taint: { ...flow.taint, maybeObject: true } } : flow;
}

/**
 * Writes that put a value where another statement reads it: `this.x = v` (seen by every method
 * of the class), `o.a.b = v` (taints `o`), `parts.push(v)` / `map.set(k, v)` /
 * `Object.assign(o, v)` (taint the container).
 */
export class Stores {
  constructor(
    private readonly fields: ThisFields,
    /** False while a function summary is computed: its parameter stand-ins must not leak. */
    private readonly recording: () => boolean,
  ) {}

  /** `this.name = value` in a method or constructor. */
  field(at: ts.Node, name: string | undefined, value: Flow): void {
    if (!this.recording() || name === undefined) return;
    const owner = this.fields.ownerOf(at);
    if (owner !== undefined) this.fields.set(owner, name, value);
  }

  /** An assignment to a member chain (`this.a = v`, `this.a.b = v`, `o.a.b = v`). */
  member(left: ts.Expression, value: Flow, scope: Scope): void {
    const head = thisMemberHead(left);
    if (head !== undefined) {
      const direct = ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left);
      if (direct && left.expression.kind === ts.SyntaxKind.ThisKeyword)
        this.field(left, head, value);
      else if (value.state === 'tainted') this.field(left, head, asContainer(value));
      return;
    }
    const root = rootName(left);
    if (root === undefined || value.state !== 'tainted' || !scope.lookup(root)) return;
    const old = scope.lookup(root)?.flow ?? UNKNOWN;
    scope.assign(root, asContainer(joinFlow(old, value)), []);
  }

  /** `parts.push(input)`, `map.set(k, input)`, `Object.assign(o, input)`: the container holds input. */
  call(call: ts.CallExpression, scope: Scope, host: FlowHost): void {
    const store = storeOf(call);
    if (!store) return;
    let value: Flow = CONSTANT;
    for (const v of store.values) value = joinFlow(value, evalFlow(v, host));
    if (value.state !== 'tainted') return;
    const head = thisMemberHead(store.target);
    if (head !== undefined) return this.field(store.target, head, asContainer(value));
    const root = rootName(store.target);
    const old = root === undefined ? undefined : scope.lookup(root);
    if (root === undefined || !old) return;
    scope.assign(root, joinFlow(old.flow, asContainer(value)), old.origins);
  }
}
