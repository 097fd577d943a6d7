import ts from '../../lib/typescript.cjs';
import { walkTree } from './binary-chain.js';
import type { Flow } from './types.js';
import { joinFlow } from './scope.js';
import { sameFlow } from './this-fields.js';

/**
 * What an implicit global may hold: a name assigned without any declaration in scope (`input =
 * $scope.input` in a sloppy script) is a property of the global object, not a local of the
 * function that assigns it, so every function of the file may read it — including code that runs
 * before the assignment in source order (a handler called twice reads what its last call stored).
 * A read that finds no binding in scope gets the join of every such assignment in the file. Flows
 * only grow, so a read that came before a write which changed it asks for another pass.
 */
export class ImplicitGlobals {
  private readonly flows = new Map<string, Flow>();
  private readonly read = new Set<string>();
  private changed = false;

  startPass(): void {
    this.changed = false;
    this.read.clear();
  }

  get(name: string): Flow | undefined {
    this.read.add(name);
    return this.flows.get(name);
  }

  set(name: string, flow: Flow): void {
    const old = this.flows.get(name);
    const next = old ? joinFlow(old, flow) : flow;
    if (old && sameFlow(old, next)) return;
    this.flows.set(name, next);
    if (this.read.has(name)) this.changed = true;
  }

  /** A global read in this pass has since changed. */
  stale(): boolean {
    return this.changed;
  }
}

interface FileNames {
  declared: Set<string>;
  writes: Map<string, ts.Expression[]>;
}

const byFile = new WeakMap<ts.SourceFile, FileNames>();

function declaredName(n: ts.Node): string | undefined {
  const named =
    ts.isVariableDeclaration(n) ||
    ts.isParameter(n) ||
    ts.isBindingElement(n) ||
    ts.isFunctionDeclaration(n) ||
    ts.isClassDeclaration(n) ||
    ts.isImportClause(n) ||
    ts.isImportSpecifier(n) ||
    ts.isNamespaceImport(n) ||
    ts.isImportEqualsDeclaration(n);
  return named && n.name && ts.isIdentifier(n.name) ? n.name.text : undefined;
}

/** The file's declared names and its `name = …` assignments, found in one walk. */
function fileNames(sf: ts.SourceFile): FileNames {
  let out = byFile.get(sf);
  if (out) return out;
  out = { declared: new Set(), writes: new Map() };
  const { declared, writes } = out;
  walkTree(sf, (n) => {
    const name = declaredName(n);
    if (name !== undefined) declared.add(name);
    if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(n.left)
    ) {
      const list = writes.get(n.left.text);
      if (list) list.push(n.right);
      else writes.set(n.left.text, [n.right]);
    }
    return true;
  });
  byFile.set(sf, out);
  return out;
}

/**
 * For syntactic checks: the right sides of every `name = …` in the file when nothing in it
 * declares `name` (an implicit global may hold any of them wherever it is read), else none.
 */
export function implicitGlobalWrites(use: ts.Identifier): readonly ts.Expression[] {
  const { declared, writes } = fileNames(use.getSourceFile());
  return declared.has(use.text) ? [] : (writes.get(use.text) ?? []);
}
