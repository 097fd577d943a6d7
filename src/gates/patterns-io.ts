import ts from '../lib/typescript.cjs';
import { columnOf, lineOf } from './ast.js';
import type { Finding } from './types.js';

const fsModules = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);
/** fs functions that do not throw (or report errors through events). */
const nonThrowing = new Set([
  'existsSync',
  'createReadStream',
  'createWriteStream',
  'watch',
  'watchFile',
  'unwatchFile',
  'constants',
]);
const dbMethods = new Set([
  'query',
  'execute',
  'executeTakeFirst',
  'executeTakeFirstOrThrow',
  'findMany',
  'findUnique',
  'findFirst',
  'findOne',
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'aggregate',
  'transaction',
  '$transaction',
  '$queryRaw',
  '$executeRaw',
]);

interface FsImports {
  /** Local names bound to an fs module: name → true when it is the promise API. */
  namespaces: Map<string, boolean>;
  /** Local names of functions imported by name: name → true when it returns a promise. */
  functions: Map<string, boolean>;
}

function collectFsImports(source: ts.SourceFile): FsImports {
  const found: FsImports = { namespaces: new Map(), functions: new Map() };
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier))
      continue;
    const from = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    if (!fsModules.has(from) || !clause) continue;
    const promises = from.endsWith('promises');
    if (clause.name) found.namespaces.set(clause.name.text, promises);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings))
      found.namespaces.set(bindings.name.text, promises);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        const imported = (element.propertyName ?? element.name).text;
        if (imported === 'promises') found.namespaces.set(element.name.text, true);
        else found.functions.set(element.name.text, promises);
      }
    }
  }
  return found;
}

/** Names an fs call: `fs.readFileSync`, `readFile` (promise API); undefined when not fs I/O that can throw. */
function fsCall(callee: ts.Expression, imports: FsImports): string | undefined {
  if (ts.isIdentifier(callee)) {
    const promise = imports.functions.get(callee.text);
    if (promise === undefined || nonThrowing.has(callee.text)) return undefined;
    return promise || callee.text.endsWith('Sync') ? callee.text : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const owner = callee.expression;
  let promise: boolean | undefined;
  if (ts.isIdentifier(owner)) promise = imports.namespaces.get(owner.text);
  else if (
    ts.isPropertyAccessExpression(owner) &&
    owner.name.text === 'promises' &&
    ts.isIdentifier(owner.expression)
  ) {
    promise = imports.namespaces.has(owner.expression.text) ? true : undefined;
  }
  if (promise === undefined || nonThrowing.has(method)) return undefined;
  return promise || method.endsWith('Sync') ? callee.getText() : undefined;
}

function ioKind(call: ts.CallExpression, imports: FsImports): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee) && callee.text === 'fetch') return 'fetch';
  const fs = fsCall(callee, imports);
  if (fs) return fs;
  if (ts.isPropertyAccessExpression(callee) && dbMethods.has(callee.name.text))
    return `.${callee.name.text}()`;
  return undefined;
}

/** Walks `call.then(...).catch(...)` upwards: the outermost expression and whether it handles rejection. */
function promiseChain(call: ts.CallExpression): { top: ts.Expression; handled: boolean } {
  let top: ts.Expression = call;
  let handled = false;
  while (ts.isPropertyAccessExpression(top.parent) && ts.isCallExpression(top.parent.parent)) {
    const method = top.parent.name.text;
    const next = top.parent.parent;
    if (method === 'catch' || (method === 'then' && next.arguments.length >= 2)) handled = true;
    top = next;
  }
  while (ts.isParenthesizedExpression(top.parent)) top = top.parent;
  return { top, handled };
}

function insideTry(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isFunctionLike(parent)) return false;
    if (ts.isTryStatement(parent) && parent.tryBlock === child && parent.catchClause) return true;
  }
  return false;
}

function needsHandling(call: ts.CallExpression, kind: string): boolean {
  if (kind.endsWith('Sync')) return !insideTry(call);
  const { top, handled } = promiseChain(call);
  if (handled) return false;
  const awaited = ts.isAwaitExpression(top.parent);
  const floating = ts.isExpressionStatement(top.parent);
  const isDb = kind.startsWith('.');
  if (!awaited && (isDb || !floating)) return false;
  return !insideTry(awaited ? top.parent : top);
}

/** `io-error-handling`: fs, fetch and database calls whose failure nothing catches. */
export function ioErrorHandlingFindings(path: string, source: ts.SourceFile): Finding[] {
  const imports = collectFsImports(source);
  const findings: Finding[] = [];
  const visit = (node: ts.Node): void => {
    const kind = ts.isCallExpression(node) ? ioKind(node, imports) : undefined;
    if (kind && ts.isCallExpression(node) && needsHandling(node, kind)) {
      findings.push({
        gate: 'patterns',
        rule: 'io-error-handling',
        severity: 'medium',
        message: `I/O call ${kind} can fail but is not inside try/catch and has no .catch(): the error escapes unhandled.`,
        line: lineOf(source, node),
        column: columnOf(source, node),
        fix: 'Wrap the call in try/catch (or add .catch()) and handle or rethrow the error with context.',
        file: path,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}
