import ts from '../../lib/typescript.cjs';
import { unwrap } from './ast.js';
import type { ResolvedCall } from './imports.js';
import { objectMember } from './sources.js';
import type { Flow } from './types.js';

/**
 * Deep getters by path: lodash / underscore `_.get(obj, 'a.b')` (also `lodash.get`, the
 * `lodash.get` package, dot-prop `getProperty`, object-path `get`). Reading a request's
 * `'query.name'` or `['body', 'user']` gives that member; any path of an input value gives input.
 */

const getterModules =
  /^(lodash|lodash-es|underscore|lodash\.get|lodash\/get|dot-prop|object-path)$/;
const getterReceivers = /^(_|lodash|objectPath|dotProp)$/;

function isPathGetter(r: ResolvedCall): boolean {
  if (r.name !== 'get' && r.name !== 'getProperty') return false;
  if (r.module !== undefined && getterModules.test(r.module)) return true;
  return r.receiver !== undefined && getterReceivers.test(r.receiver.getText());
}

/** The first segment of a constant path: `'query.name'` → `query`, `['body', 'x']` → `body`. */
function firstSegment(path: ts.Expression | undefined): string | undefined {
  const p = path && unwrap(path);
  if (!p) return undefined;
  if (ts.isStringLiteralLike(p)) return /^[\w$]+/.exec(p.text)?.[0];
  if (ts.isArrayLiteralExpression(p)) {
    const first = p.elements[0] && unwrap(p.elements[0]);
    return first && ts.isStringLiteralLike(first) ? first.text : undefined;
  }
  return undefined;
}

/** The flow of a path getter's result, or undefined when `r` is not one. */
export function pathGetterFlow(
  r: ResolvedCall,
  call: ts.CallExpression,
  args: readonly Flow[],
): Flow | undefined {
  if (!isPathGetter(r)) return undefined;
  const obj = args[0];
  if (!obj) return undefined;
  if (obj.state === 'tainted') return obj;
  if (obj.state !== 'object') return undefined;
  const seg = firstSegment(call.arguments[1]);
  return seg === undefined ? undefined : objectMember(obj.kind, seg);
}
