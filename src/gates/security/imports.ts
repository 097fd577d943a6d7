import ts from '../../lib/typescript.cjs';
import { calleeOf, requiredModule, rootName, unwrap } from './ast.js';

export interface ImportInfo {
  module: string;
  /** Imported member (`exec` for `import { exec as run }`); absent for default/namespace. */
  member?: string;
}

export interface ResolvedCall {
  /** Normalised module (`child_process`, `fs`), when the callee comes from an import. */
  module: string | undefined;
  name: string;
  receiver: ts.Expression | undefined;
}

const aliases: Record<string, string> = {
  'fs/promises': 'fs',
  'fs-extra': 'fs',
  'graceful-fs': 'fs',
  'fs-extra/esm': 'fs',
  'mz/fs': 'fs',
  'mz/child_process': 'child_process',
  'child-process-promise': 'child_process',
};

export function normalizeModule(spec: string): string {
  const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
  return Object.hasOwn(aliases, bare) ? (aliases[bare] ?? bare) : bare;
}

function bindPattern(name: ts.BindingName, module: string, out: Map<string, ImportInfo>): void {
  if (ts.isIdentifier(name)) {
    out.set(name.text, { module });
    return;
  }
  if (!ts.isObjectBindingPattern(name)) return;
  for (const el of name.elements) {
    if (!ts.isIdentifier(el.name)) continue;
    const prop =
      el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : undefined;
    out.set(el.name.text, { module, member: prop ?? el.name.text });
  }
}

function collectDeclaration(decl: ts.VariableDeclaration, out: Map<string, ImportInfo>): void {
  if (!decl.initializer) return;
  const init = unwrap(decl.initializer);
  const mod = requiredModule(init);
  if (mod !== undefined) {
    bindPattern(decl.name, normalizeModule(mod), out);
    return;
  }
  // const execAsync = promisify(exec) / util.promisify(cp.exec)
  if (ts.isCallExpression(init) && ts.isIdentifier(decl.name)) {
    const c = calleeOf(init);
    const arg = init.arguments[0];
    if (c?.name === 'promisify' && arg) {
      const info = promisedModule(arg, out);
      const a = unwrap(arg);
      const member = ts.isIdentifier(a) ? (info?.member ?? a.text) : memberOf(a);
      if (info) out.set(decl.name.text, { module: info.module, member });
    }
  }
  // const { exec } = require('child_process').promises  /  const fsp = fs.promises
  if (ts.isPropertyAccessExpression(init)) {
    const root = rootName(init);
    const mod2 = requiredModule(init.expression);
    const info =
      mod2 !== undefined ? { module: normalizeModule(mod2) } : root ? out.get(root) : undefined;
    if (info) bindPattern(decl.name, info.module, out);
  }
}

/**
 * Module of the function handed to `promisify`: an imported name (`exec`, `cp.exec`) or a member
 * of a module required in place (`promisify(require('child_process').exec)`).
 */
function promisedModule(
  arg: ts.Expression,
  out: ReadonlyMap<string, ImportInfo>,
): ImportInfo | undefined {
  const a = unwrap(arg);
  const required = ts.isPropertyAccessExpression(a) ? requiredModule(a.expression) : undefined;
  if (required !== undefined) return { module: normalizeModule(required) };
  const root = rootName(arg);
  return root === undefined ? undefined : out.get(root);
}

function memberOf(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  return ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
}

/** Imports and top-level requires of a file: local name → module. */
export function collectImports(sf: ts.SourceFile): Map<string, ImportInfo> {
  const out = new Map<string, ImportInfo>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const module = normalizeModule(st.moduleSpecifier.text);
      const clause = st.importClause;
      if (!clause) continue;
      if (clause.name) out.set(clause.name.text, { module });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) out.set(nb.name.text, { module });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          const member = (el.propertyName ?? el.name).text;
          out.set(el.name.text, { module, member });
        }
      }
    } else if (ts.isVariableStatement(st)) {
      for (const decl of st.declarationList.declarations) collectDeclaration(decl, out);
    } else if (
      ts.isImportEqualsDeclaration(st) &&
      ts.isExternalModuleReference(st.moduleReference) &&
      ts.isStringLiteral(st.moduleReference.expression)
    ) {
      // TypeScript's `import cp = require('child_process')`
      out.set(st.name.text, { module: normalizeModule(st.moduleReference.expression.text) });
    }
  }
  return out;
}

/** Global functions that run strings as code, which an alias (`const run = eval`) still does. */
const globalSinks = new Set(['eval', 'Function', 'setTimeout', 'setInterval', 'execScript']);

/**
 * A module required inside a function, or a local name for an imported function or a global code
 * sink, anywhere in the file:
 * `const run = cp.exec`, `const { execSync: sh } = cp`, `const e = eval`. Calls through the
 * alias then resolve like calls of the original.
 */
export function recordAlias(decl: ts.VariableDeclaration, imports: Map<string, ImportInfo>): void {
  const init = decl.initializer && unwrap(decl.initializer);
  if (!init) return;
  // a require() inside a function: `const { VM } = require('vm2')`
  const mod = ts.isCallExpression(init) ? requiredModule(init) : undefined;
  if (mod !== undefined) {
    if (!ts.isSourceFile(decl.parent.parent.parent))
      bindPattern(decl.name, normalizeModule(mod), imports);
    return;
  }
  if (ts.isIdentifier(init)) {
    const info = imports.get(init.text);
    if (info && ts.isObjectBindingPattern(decl.name)) bindPattern(decl.name, info.module, imports);
    else if (info && ts.isIdentifier(decl.name)) imports.set(decl.name.text, info);
    else if (globalSinks.has(init.text) && ts.isIdentifier(decl.name))
      imports.set(decl.name.text, { module: 'globalThis', member: init.text });
    return;
  }
  if (!ts.isPropertyAccessExpression(init) || !ts.isIdentifier(decl.name)) return;
  const root = rootName(init.expression);
  const info = root === undefined ? undefined : imports.get(root);
  if (info && !imports.has(decl.name.text))
    imports.set(decl.name.text, { module: info.module, member: init.name.text });
}

/** Resolves a call's callee to its module and member name. */
export function resolveCall(
  call: ts.CallExpression | ts.NewExpression,
  imports: ReadonlyMap<string, ImportInfo>,
): ResolvedCall | undefined {
  const c = calleeOf(call);
  if (!c) return undefined;
  if (!c.receiver) {
    const imp = imports.get(c.name);
    return { module: imp?.module, name: imp?.member ?? c.name, receiver: undefined };
  }
  const req = requiredModule(c.receiver);
  if (req !== undefined)
    return { module: normalizeModule(req), name: c.name, receiver: c.receiver };
  const root = rootName(c.receiver);
  const imp = root === undefined ? undefined : imports.get(root);
  return { module: imp?.module, name: c.name, receiver: c.receiver };
}

const archiveModules = new Set([
  'unzipper',
  'yauzl',
  'adm-zip',
  'tar',
  'tar-stream',
  'tar-fs',
  'jszip',
  'decompress',
  'extract-zip',
  'node-stream-zip',
  'unzip-stream',
]);

/** True when the file imports an archive library (entry names then are attacker-chosen). */
export function usesArchiveLibrary(imports: ReadonlyMap<string, ImportInfo>): boolean {
  for (const i of imports.values()) if (archiveModules.has(i.module)) return true;
  return false;
}
