import ts from '../../lib/typescript.cjs';
import { calleeOf, unwrap } from './ast.js';
import { elementFlow } from './flow.js';
import { levelOf, sourceText } from './rule-kit.js';
import type { Flow, RuleContext, SecurityRule } from './types.js';

/**
 * A sink handed over as a callback: `promise.then(eval)`, `cmds.forEach(execSync)`. The callback
 * is called with the promise's value or each element, so that value reaches the sink as its
 * first argument — as in `.then((v) => eval(v))`, which the rules see as a call.
 */

const elementMethods = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find']);
const codeSinks = new Set(['eval', 'Function']);
const shellSinks = new Set(['exec', 'execSync']);

type Sink = { rule: 'code-injection' | 'command-injection'; name: string };

/** The sink a callback argument names: global `eval`, or `exec`/`execSync` of child_process. */
function sinkOf(arg: ts.Expression, ctx: RuleContext): Sink | undefined {
  const a = unwrap(arg);
  const name = ts.isIdentifier(a)
    ? a.text
    : ts.isPropertyAccessExpression(a)
      ? a.name.text
      : undefined;
  if (name === undefined) return undefined;
  const root = ts.isIdentifier(a) ? a.text : a.getText().split('.')[0];
  const module = root === undefined ? undefined : ctx.moduleOf(root);
  if (codeSinks.has(name) && ts.isIdentifier(a) && module === undefined)
    return { rule: 'code-injection', name };
  if (shellSinks.has(name) && module === 'child_process')
    return { rule: 'command-injection', name };
  return undefined;
}

/** What the callback is called with: the promise's value, or each element of the array. */
function passedValue(method: string, receiver: Flow): Flow | undefined {
  if (method === 'then') return receiver;
  return elementMethods.has(method) ? elementFlow(receiver) : undefined;
}

export const callbackSinksRule: SecurityRule = {
  id: 'callback-sinks',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (!ts.isCallExpression(node)) return;
    const c = calleeOf(node);
    const arg = node.arguments[0];
    if (!c?.receiver || !arg || (c.name !== 'then' && !elementMethods.has(c.name))) return;
    const sink = sinkOf(arg, ctx);
    const flow = sink && passedValue(c.name, ctx.flow(c.receiver));
    const level = flow ? levelOf(flow) : 'none';
    if (!sink || !flow || (level !== 'remote' && level !== 'local')) return;
    ctx.report(node, {
      rule: sink.rule,
      cwe: sink.rule === 'code-injection' ? 'CWE-95' : 'CWE-78',
      severity: level === 'remote' ? 'critical' : 'high',
      message: `${c.name}(${sink.name}) hands ${sourceText(flow)} to ${sink.name}(): ${sink.rule === 'code-injection' ? 'it runs as code' : 'it runs as a shell command'}.`,
      fix:
        sink.rule === 'code-injection'
          ? 'Never evaluate input: parse data with JSON.parse and dispatch through an allow-list.'
          : 'Use execFile()/spawn() with a fixed program and an argument array, no shell.',
    });
  },
};
