import ts from '../../lib/typescript.cjs';
import { receiverName, unwrap } from './ast.js';
import { levelOf, sourceText } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';

/**
 * Server-side template injection: input used as the *template source* of an engine that
 * compiles templates to JavaScript (ejs, pug, Handlebars, nunjucks, lodash/underscore
 * `template`, doT, dust, Hogan, eta, Squirrelly, velocity): `<%= process.mainModule… %>` runs
 * on the server. Input as template *data* is fine.
 */

const engines: Readonly<Record<string, ReadonlySet<string>>> = {
  ejs: new Set(['render', 'compile']),
  pug: new Set(['render', 'compile', 'compileClient']),
  jade: new Set(['render', 'compile']),
  handlebars: new Set(['compile', 'precompile']),
  hbs: new Set(['compile']),
  nunjucks: new Set(['renderString', 'compile']),
  lodash: new Set(['template']),
  'lodash.template': new Set(['template']),
  underscore: new Set(['template']),
  dot: new Set(['template', 'compile']),
  dustjs: new Set(['compile', 'renderSource']),
  'dustjs-linkedin': new Set(['compile', 'renderSource']),
  'hogan.js': new Set(['compile']),
  eta: new Set(['renderString', 'compile']),
  squirrelly: new Set(['render', 'compile']),
  velocityjs: new Set(['render']),
};
/** Receivers that name an engine when its import is not visible (`_.template`, `Handlebars.compile`). */
const engineNames: Readonly<Record<string, string>> = {
  _: 'lodash',
  lodash: 'lodash',
  ejs: 'ejs',
  pug: 'pug',
  Handlebars: 'handlebars',
  handlebars: 'handlebars',
  nunjucks: 'nunjucks',
  doT: 'dot',
  dust: 'dustjs',
  Hogan: 'hogan.js',
  Sqrl: 'squirrelly',
};

function engineOf(call: ts.CallExpression, ctx: RuleContext): string | undefined {
  const r = ctx.resolveCall(call);
  if (!r) return undefined;
  const module = r.module ?? (r.receiver ? engineNames[receiverName(r.receiver)] : undefined);
  if (module === undefined || !Object.hasOwn(engines, module)) return undefined;
  return engines[module]?.has(r.name) ? `${module} ${r.name}()` : undefined;
}

export const templateInjectionRule: SecurityRule = {
  id: 'template-injection',
  kinds: [ts.SyntaxKind.CallExpression],
  visit(node, ctx) {
    if (!ts.isCallExpression(node) || !node.arguments[0]) return;
    const what = engineOf(node, ctx);
    if (what === undefined) return;
    const source = unwrap(node.arguments[0]);
    const flow = ctx.flow(source);
    const level = levelOf(flow);
    // Local input (a file, argv) is how site generators and CLIs are meant to get templates.
    if (level !== 'remote') return;
    ctx.report(node, {
      rule: 'template-injection',
      cwe: 'CWE-1336',
      severity: 'critical',
      message: `${what} compiles a template built from ${sourceText(flow)}: template syntax in the input runs as JavaScript on the server.`,
      fix: 'Load templates from files or constants and pass input only as data (ejs.render(template, { name: input })); never let input choose or build the template.',
    });
  },
};
