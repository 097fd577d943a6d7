import ts from '../../lib/typescript.cjs';
import { unwrap } from './ast.js';

/**
 * Angular component inputs: `@Input() content = ''` (or an `@Input()` setter) is set by whoever
 * uses the component (`<app-card [content]="…">`), so `this.content` inside the class is the
 * component's input, like a React prop, whatever the field is initialised to.
 */

function decoratorNames(node: ts.Node): string[] {
  const mods = ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [];
  return mods.map((d) => {
    const e = d.expression;
    return ts.isCallExpression(e) ? e.expression.getText() : e.getText();
  });
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isClassLike(n)) return n;
    // a plain function (not a method or arrow) has its own `this`
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n)) return undefined;
  }
  return undefined;
}

/** `this.x` where the enclosing class declares `x` with an `@Input()` decorator. */
export function isAngularInputField(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  if (!ts.isPropertyAccessExpression(e) || e.expression.kind !== ts.SyntaxKind.ThisKeyword)
    return false;
  const cls = enclosingClass(e);
  if (!cls) return false;
  const name = e.name.text;
  return cls.members.some(
    (m) =>
      m.name !== undefined &&
      ts.isIdentifier(m.name) &&
      m.name.text === name &&
      decoratorNames(m).some((d) => /^(Input|ng\.Input)$/.test(d)),
  );
}
