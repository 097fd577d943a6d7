import ts from '../../lib/typescript.cjs';
import { calleeOf, propertyNameText, receiverName, unwrap } from './ast.js';
import { definition, remoteOnly } from './rule-kit.js';
import type { Flow, RuleContext, SecurityRule } from './types.js';
import { xssReporter } from './xss-report.js';

/**
 * Templates written in code (`ejs.render('<p><%- bio %></p>', { bio })`,
 * `Handlebars.compile('{{{bio}}}')(data)`, `_.template('<%= bio %>')(data)`) whose raw output
 * prints a value the data takes from input: the template files' unescaped-output check
 * (templates.ts), for templates that live in strings.
 */

const FIX =
  'Use the escaping output form (<%= %> in ejs, {{ }} in Handlebars/Mustache, <%- %> in lodash templates, #{} in pug), or sanitize the value with DOMPurify first.';

type Engine = 'ejs' | 'pug' | 'mustache' | 'lodash';

/** Raw output and the variable it prints, per engine (lodash's `<%= %>` does not escape). */
const rawOutput: Record<Engine, RegExp> = {
  ejs: /<%-\s*([\w$]+)/g,
  pug: /!\{\s*([\w$]+)|!=\s*([\w$]+)/g,
  mustache: /\{\{\{\s*([\w$]+)|\{\{&\s*([\w$]+)/g,
  lodash: /<%=\s*([\w$]+)/g,
};

const engineNames: Record<string, Engine> = {
  ejs: 'ejs',
  pug: 'pug',
  jade: 'pug',
  handlebars: 'mustache',
  Handlebars: 'mustache',
  hbs: 'mustache',
  mustache: 'mustache',
  Mustache: 'mustache',
  _: 'lodash',
  lodash: 'lodash',
  underscore: 'lodash',
};
const renderers = new Set(['render', 'renderString']);
const compilers = new Set(['compile', 'template']);

function engineOf(
  call: ts.CallExpression,
  ctx: RuleContext,
  names: ReadonlySet<string>,
): Engine | undefined {
  const r = ctx.resolveCall(call);
  if (!r || !names.has(r.name)) return undefined;
  const key = r.module ?? receiverName(r.receiver);
  return Object.hasOwn(engineNames, key) ? engineNames[key] : undefined;
}

/** Names the template prints raw, if its source is a constant. */
function rawNames(engine: Engine, source: ts.Expression | undefined, ctx: RuleContext): string[] {
  const text = source && ctx.constString(definition(source));
  if (text === undefined) return [];
  return [...text.matchAll(rawOutput[engine])].map((m) => m[1] ?? m[2] ?? '');
}

/** The remote input the data hands to one of the raw names (or the data itself, if input). */
function rawInput(
  names: readonly string[],
  data: ts.Expression,
  ctx: RuleContext,
): Flow | undefined {
  const d = definition(data);
  if (!ts.isObjectLiteralExpression(d)) return remoteOnly(ctx.flow(d));
  for (const p of d.properties) {
    const name = p.name && propertyNameText(p.name);
    if (name === undefined || !names.includes(name)) continue;
    if (ts.isPropertyAssignment(p)) return remoteOnly(ctx.flow(p.initializer));
    if (ts.isShorthandPropertyAssignment(p)) return remoteOnly(ctx.flow(p.name));
  }
  return undefined;
}

/** `render(template, data)`, or `fn(data)` for `const fn = compile(template)`. */
function templateAndData(
  call: ts.CallExpression,
  ctx: RuleContext,
): { names: string[]; data: ts.Expression } | undefined {
  const [first, second] = call.arguments;
  const engine = engineOf(call, ctx, renderers);
  if (engine && second) return { names: rawNames(engine, first, ctx), data: second };
  const fn = definition(call.expression);
  if (!first || !ts.isCallExpression(fn) || calleeOf(fn) === undefined) return undefined;
  const compiler = engineOf(fn, ctx, compilers);
  return compiler ? { names: rawNames(compiler, fn.arguments[0], ctx), data: first } : undefined;
}

const report = xssReporter('unescaped', FIX);

const mentions = new WeakMap<ts.SourceFile, boolean>();

/** Whether the file calls a template function at all (most files do not: skip them cheaply). */
function mentionsTemplates(sf: ts.SourceFile): boolean {
  let m = mentions.get(sf);
  if (m === undefined) {
    m = /\b(render|renderString|compile|template)\s*\(/.test(sf.text);
    mentions.set(sf, m);
  }
  return m;
}

export const inlineTemplatesRule: SecurityRule = {
  id: 'inline-templates',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (!ts.isCallExpression(node) || !mentionsTemplates(ctx.sourceFile)) return;
    const t = templateAndData(node, ctx);
    if (!t || t.names.length === 0) return;
    const flow = rawInput(t.names, unwrap(t.data), ctx);
    if (flow) report(ctx, node, 'remote', flow, "The template's raw output");
  },
};
