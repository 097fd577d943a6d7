import type { Node } from 'web-tree-sitter';
import type { ModuleFacts } from './extract-typescript.js';
import { capLines, headText, lineRange } from './syntax-text.js';
import type { ImportRef, SymbolDef } from './types.js';

/** The docstring of a function or class body, indented like the body. */
function docstring(body: Node | null): string | undefined {
  const first = body?.namedChildren[0];
  const literal = first?.type === 'expression_statement' ? first.namedChildren[0] : undefined;
  if (!literal || literal.type !== 'string') return undefined;
  const indent = ' '.repeat(first?.startPosition.column ?? 4);
  return `${indent}${capLines(literal.text, 8)}`;
}

function pythonHead(source: string, outer: Node, definition: Node): string {
  const body = definition.childForFieldName('body');
  const head = headText(source, outer, body);
  const doc = docstring(body);
  return doc ? `${head}\n${doc}` : head;
}

function definitionSymbols(source: string, outer: Node, container?: string): SymbolDef[] {
  const definition =
    outer.type === 'decorated_definition' ? outer.childForFieldName('definition') : outer;
  if (!definition) return [];
  const name = definition.childForFieldName('name')?.text;
  if (!name) return [];
  const exported = !name.startsWith('_') || (name.startsWith('__') && name.endsWith('__'));
  if (definition.type === 'function_definition') {
    const kind = container ? 'method' : 'function';
    const signature = pythonHead(source, outer, definition);
    return [
      { name, kind, signature, exported, ...lineRange(outer), ...(container ? { container } : {}) },
    ];
  }
  if (definition.type !== 'class_definition') return [];
  const members = (definition.childForFieldName('body')?.namedChildren ?? []).filter(
    (m): m is Node =>
      m !== null && (m.type === 'function_definition' || m.type === 'decorated_definition'),
  );
  const methods = members.flatMap((m) => definitionSymbols(source, m, name));
  const heads = methods.map((m) => m.signature.split('\n')[0]?.trim() ?? '');
  const signature = [pythonHead(source, outer, definition), ...heads.map((h) => `    ${h} ...`)];
  const classSymbol: SymbolDef = {
    name,
    kind: 'class',
    signature: signature.join('\n'),
    exported,
    ...lineRange(outer),
  };
  return [classSymbol, ...methods];
}

function importedName(node: Node): string | undefined {
  if (node.type === 'aliased_import') return node.childForFieldName('name')?.text;
  return node.type === 'dotted_name' ? node.text : undefined;
}

function pythonImports(node: Node): ImportRef[] {
  const line = node.startPosition.row + 1;
  const text = capLines(node.text, 3);
  const names = node.childrenForFieldName('name').filter((n): n is Node => n !== null);
  if (node.type === 'import_statement') {
    return names.flatMap((n) => {
      const specifier = importedName(n);
      return specifier ? [{ specifier, names: ['*'], line, text, reexport: false }] : [];
    });
  }
  const specifier = node.childForFieldName('module_name')?.text;
  if (!specifier) return [];
  const wildcard = node.namedChildren.some((c) => c?.type === 'wildcard_import');
  const imported = wildcard ? ['*'] : names.flatMap((n) => importedName(n) ?? []);
  return [{ specifier, names: imported, line, text, reexport: false }];
}

/** Top-level definitions (functions, classes and their methods) and imports of a Python module. */
export function extractPython(source: string, root: Node): ModuleFacts {
  const facts: ModuleFacts = { symbols: [], imports: [] };
  for (const node of root.namedChildren) {
    if (!node) continue;
    if (node.type === 'import_statement' || node.type === 'import_from_statement') {
      facts.imports.push(...pythonImports(node));
    } else {
      facts.symbols.push(...definitionSymbols(source, node));
    }
  }
  return facts;
}
