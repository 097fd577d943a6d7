import ts from '../../lib/typescript.cjs';
import { calleeOf, unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';

type Fn = ts.FunctionLikeDeclaration;

/**
 * Event listeners of this file's emitters: `bus.on('job', (job) => …)` is called by every
 * `bus.emit('job', data)` of the file, so `emit` is a call site of the listener and its payload
 * the listener's arguments (engine.ts records them like calls of local functions). Emitter and
 * listener are matched by the emitter's text (`bus`, `this.events`) and the event name.
 */

const subscribe = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** `bus|job` for `bus.on('job', …)` / `bus.emit('job', …)`. */
function eventKey(call: ts.CallExpression, names: ReadonlySet<string>): string | undefined {
  const c = calleeOf(call);
  const event = call.arguments[0] && unwrap(call.arguments[0]);
  if (!c?.receiver || !names.has(c.name) || !event || !ts.isStringLiteralLike(event))
    return undefined;
  return `${c.receiver.getText()}|${event.text}`;
}

const emitNames = new Set(['emit']);

export class EmitterListeners {
  private readonly byEvent = new Map<string, Fn[]>();
  private readonly emitted = new Set<string>();

  constructor(sf: ts.SourceFile, localFn: (e: ts.Expression) => Fn | undefined) {
    if (!sf.text.includes('.emit(')) return; // most files emit nothing: skip the tree walk
    walkTree(sf, (n) => {
      if (!ts.isCallExpression(n)) return true;
      const emit = eventKey(n, emitNames);
      if (emit !== undefined) this.emitted.add(emit);
      const key = eventKey(n, subscribe);
      const listener = n.arguments[1] && localFn(unwrap(n.arguments[1]));
      if (key !== undefined && listener) {
        const list = this.byEvent.get(key);
        if (list) list.push(listener);
        else this.byEvent.set(key, [listener]);
      }
      return true;
    });
    for (const key of [...this.byEvent.keys()])
      if (!this.emitted.has(key)) this.byEvent.delete(key);
  }

  /** Some emit of the file reaches a listener of the file. */
  get active(): boolean {
    return this.byEvent.size > 0;
  }

  /** The listeners an `emit(event, …)` call runs. */
  listenersOf(call: ts.CallExpression | ts.NewExpression): readonly Fn[] {
    if (!ts.isCallExpression(call) || this.byEvent.size === 0) return [];
    const key = eventKey(call, emitNames);
    return key === undefined ? [] : (this.byEvent.get(key) ?? []);
  }
}
