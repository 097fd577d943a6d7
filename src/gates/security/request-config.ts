import ts from '../../lib/typescript.cjs';
import { propertyNameText, unwrap } from './ast.js';
import { definition, enclosingFunctionText } from './rule-kit.js';

/**
 * The request config object of an HTTP client call (`axios(options)`, `https.request(opts)`):
 * an object literal written in place or held in a variable, and the expression that gives its
 * target (`url`, `uri`, `hostname`, `host`). A config built in a variable with a fixed URL and
 * input only in its body or headers (`{ url: 'https://api.example.com', data: req.body }`) sends
 * the input to a fixed place: only the target decides where the request goes.
 */

const targetKeys = new Set(['url', 'uri', 'hostname', 'host']);

/** The config object literal an argument is (in place, or a variable's initializer). */
export function configObject(arg: ts.Expression): ts.ObjectLiteralExpression | undefined {
  const a = unwrap(arg);
  if (ts.isObjectLiteralExpression(a)) return a;
  if (!ts.isIdentifier(a)) return undefined;
  const def = definition(a);
  if (!ts.isObjectLiteralExpression(def) || targetWritten(a)) return undefined;
  return def;
}

/** `opts.url = …` / `opts['host'] = …` / `opts[k] = …` in the function: the literal is not the whole story. */
function targetWritten(name: ts.Identifier): boolean {
  const text = enclosingFunctionText(name);
  const n = name.text.replace(/\$/g, '\\$');
  return new RegExp(`\\b${n}\\s*(\\.\\s*(url|uri|hostname|host)\\b|\\[)[^=;]*=[^=]`).test(text);
}

/**
 * The expression that sets the config's target: the last `url`/`uri`/`hostname`/`host` property
 * (a later property overrides an earlier one), looking into spreads of object literals; a spread
 * of anything else may carry a target and is returned itself (`axios({ ...req.body.options })`).
 */
export function configTarget(
  obj: ts.ObjectLiteralExpression,
  depth = 0,
): ts.Expression | undefined {
  for (let i = obj.properties.length - 1; i >= 0; i--) {
    const p = obj.properties[i];
    if (!p) continue;
    if (ts.isSpreadAssignment(p)) {
      const inner = depth < 3 ? configObject(p.expression) : undefined;
      const found = inner ? configTarget(inner, depth + 1) : p.expression;
      if (found) return found;
      continue;
    }
    const key = p.name ? propertyNameText(p.name) : undefined;
    if (key === undefined || !targetKeys.has(key)) continue;
    if (ts.isPropertyAssignment(p)) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p)) return p.name;
  }
  return undefined;
}
