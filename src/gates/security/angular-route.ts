import ts from '../../lib/typescript.cjs';
import type { Flow } from './types.js';

/**
 * Angular's `ActivatedRoute` (injected as `constructor(private route: ActivatedRoute)`, a field
 * typed `ActivatedRoute`, or `inject(ActivatedRoute)`): its `snapshot` and observables carry the
 * URL — `queryParams`, `params`, `queryParamMap`/`paramMap` (`.get('x')`), `fragment`, `url`.
 */

const routeType = /^ActivatedRoute(Snapshot)?$/;
const urlMembers = new Set([
  'queryParams',
  'params',
  'queryParamMap',
  'paramMap',
  'fragment',
  'url',
]);

/** Flow of a member of an activated route (or of its snapshot). */
export function routeMember(name: string): Flow {
  if (name === 'snapshot' || name === 'parent' || name === 'root' || name === 'firstChild')
    return { state: 'object', kind: 'route' };
  if (!urlMembers.has(name)) return { state: 'unknown' };
  const source = `ActivatedRoute.${name}`;
  return { state: 'tainted', taint: { kind: 'remote', source, maybeObject: true } };
}

/** Per class: the `this` members that hold the activated route. */
const routeFields = new WeakMap<ts.ClassLikeDeclaration, ReadonlySet<string>>();

/** `this.route` where the class declares `route` as an `ActivatedRoute`. */
export function isRouteField(e: ts.Expression, name: string): boolean {
  let c: ts.Node | undefined = e.parent;
  while (c && !ts.isClassLike(c)) c = c.parent;
  if (!c) return false;
  let fields = routeFields.get(c);
  if (!fields) routeFields.set(c, (fields = fieldsOf(c)));
  return fields.has(name);
}

function fieldsOf(c: ts.ClassLikeDeclaration): ReadonlySet<string> {
  const out = new Set<string>();
  for (const m of c.members) {
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) if (isRouteDeclaration(p)) out.add(p.name.getText());
    } else if (ts.isPropertyDeclaration(m) && isRouteDeclaration(m)) out.add(m.name.getText());
  }
  return out;
}

function isRouteDeclaration(d: ts.ParameterDeclaration | ts.PropertyDeclaration): boolean {
  if (d.type && routeType.test(d.type.getText())) return true;
  const init = d.initializer;
  return (
    init !== undefined &&
    ts.isCallExpression(init) &&
    init.expression.getText() === 'inject' &&
    init.arguments[0]?.getText() === 'ActivatedRoute'
  );
}

/** A parameter typed `ActivatedRoute` used directly (`constructor(route: ActivatedRoute) {…}`). */
export function typedRouteParam(p: ts.ParameterDeclaration): Flow | undefined {
  return p.type && routeType.test(p.type.getText())
    ? { state: 'object', kind: 'route' }
    : undefined;
}
