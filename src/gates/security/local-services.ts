import ts from '../../lib/typescript.cjs';
import { unwrap } from './ast.js';

/**
 * `this.tools.find(name)` where `tools` is injected as a class declared in the same file
 * (`constructor(private readonly tools: ToolsService)`): a call into this file's own code,
 * judged by that code, not by the method's name (`find` on a Mongo collection).
 */

const classNames = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

function declaredClasses(sf: ts.SourceFile): ReadonlySet<string> {
  let names = classNames.get(sf);
  if (!names) {
    const found = new Set<string>();
    for (const st of sf.statements)
      if (ts.isClassDeclaration(st) && st.name) found.add(st.name.text);
    names = found;
    classNames.set(sf, names);
  }
  return names;
}

/** The declared type name of constructor parameter property `field` of the enclosing class. */
function fieldType(node: ts.Node, field: string): string | undefined {
  let cls: ts.Node | undefined = node.parent;
  while (cls && !ts.isClassLike(cls)) cls = cls.parent;
  if (!cls || !ts.isClassLike(cls)) return undefined;
  for (const m of cls.members) {
    if (!ts.isConstructorDeclaration(m)) continue;
    const p = m.parameters.find((q) => ts.isIdentifier(q.name) && q.name.text === field);
    if (p?.type && ts.isTypeReferenceNode(p.type)) return p.type.typeName.getText();
  }
  return undefined;
}

/** The receiver is `this.x`, and `x` is an instance of a class declared in this file. */
export function isLocalService(receiver: ts.Expression): boolean {
  const e = unwrap(receiver);
  if (!ts.isPropertyAccessExpression(e) || e.expression.kind !== ts.SyntaxKind.ThisKeyword)
    return false;
  const type = fieldType(e, e.name.text);
  return type !== undefined && declaredClasses(e.getSourceFile()).has(type);
}
