import type { Node } from 'web-tree-sitter';
import { capLines, headText, leadingDocComment, lineRange, stringValue } from './syntax-text.js';
import type { ImportRef, SymbolDef, SymbolKind } from './types.js';

interface Declared {
  node: Node;
  /** The node whose text starts the declaration (`export …` when exported). */
  outer: Node;
  exported: boolean;
}

const simpleKinds: Readonly<Record<string, SymbolKind>> = {
  function_declaration: 'function',
  generator_function_declaration: 'function',
  function_signature: 'function',
  interface_declaration: 'interface',
  type_alias_declaration: 'type',
  enum_declaration: 'enum',
};

const classTypes = new Set(['class_declaration', 'abstract_class_declaration', 'class']);
const memberTypes = new Set([
  'method_definition',
  'method_signature',
  'abstract_method_signature',
  'public_field_definition',
]);

function withDoc(outer: Node, signature: string): string {
  const doc = leadingDocComment(outer);
  return doc ? `${doc}\n${signature}` : signature;
}

function isPrivate(member: Node): boolean {
  const name = member.childForFieldName('name')?.text ?? '';
  const modifier = member.namedChildren.find((c) => c?.type === 'accessibility_modifier');
  return name.startsWith('#') || modifier?.text === 'private';
}

function memberHead(source: string, member: Node): string {
  const body = member.childForFieldName('body');
  if (member.type === 'public_field_definition') return capLines(member.text.trimEnd(), 3);
  return headText(source, member, body).replace(/;$/, '');
}

function classSymbols(source: string, d: Declared, name: string): SymbolDef[] {
  const body = d.node.childForFieldName('body');
  const members = (body?.namedChildren ?? []).filter(
    (m): m is Node => m !== null && memberTypes.has(m.type) && !isPrivate(m),
  );
  const heads = members.map((m) => `  ${memberHead(source, m).replace(/\n/g, '\n  ')};`);
  const head = headText(source, d.outer, body);
  const signature = withDoc(d.outer, `${head} {\n${heads.join('\n')}\n}`);
  const out: SymbolDef[] = [
    { name, kind: 'class', signature, exported: d.exported, ...lineRange(d.outer) },
  ];
  for (const member of members) {
    if (member.type === 'public_field_definition') continue;
    const memberName = member.childForFieldName('name')?.text;
    if (!memberName) continue;
    out.push({
      name: memberName,
      kind: 'method',
      signature: withDoc(member, memberHead(source, member)),
      exported: d.exported,
      container: name,
      ...lineRange(member),
    });
  }
  return out;
}

function variableSymbols(source: string, d: Declared): SymbolDef[] {
  const declarators = d.node.namedChildren.filter(
    (c): c is Node => c !== null && c.type === 'variable_declarator',
  );
  return declarators.flatMap((declarator): SymbolDef[] => {
    const name = declarator.childForFieldName('name');
    if (!name || name.type !== 'identifier') return [];
    const value = declarator.childForFieldName('value');
    const isFunction = value?.type === 'arrow_function' || value?.type === 'function_expression';
    const outer = declarators.length === 1 ? d.outer : declarator;
    const signature = isFunction
      ? headText(source, outer, value.childForFieldName('body'))
      : capLines(outer.text.trimEnd());
    const kind: SymbolKind = isFunction ? 'function' : 'variable';
    const range = lineRange(declarators.length === 1 ? d.outer : declarator);
    return [
      {
        name: name.text,
        kind,
        signature: withDoc(d.outer, signature),
        exported: d.exported,
        ...range,
      },
    ];
  });
}

function declare(source: string, d: Declared): SymbolDef[] {
  const type = d.node.type;
  const name = d.node.childForFieldName('name')?.text ?? (d.exported ? 'default' : undefined);
  if (classTypes.has(type)) return name ? classSymbols(source, d, name) : [];
  if (type === 'lexical_declaration' || type === 'variable_declaration')
    return variableSymbols(source, d);
  const kind = simpleKinds[type];
  if (!kind || !name) return [];
  const body = kind === 'function' ? d.node.childForFieldName('body') : null;
  const signature = withDoc(d.outer, headText(source, d.outer, body));
  return [{ name, kind, signature, exported: d.exported, ...lineRange(d.outer) }];
}

function importNames(clause: Node | undefined): string[] {
  if (!clause) return [];
  const names: string[] = [];
  for (const part of clause.namedChildren) {
    if (!part) continue;
    if (part.type === 'identifier') names.push('default');
    if (part.type === 'namespace_import') names.push('*');
    if (part.type === 'named_imports' || part.type === 'export_clause') {
      for (const spec of part.namedChildren) {
        const imported = spec?.childForFieldName('name')?.text;
        if (imported) names.push(imported);
      }
    }
  }
  return names;
}

function importRef(node: Node, reexport: boolean): ImportRef | undefined {
  const specifier = stringValue(node.childForFieldName('source'));
  if (specifier === undefined) return undefined;
  const clause = node.namedChildren.find(
    (c): c is Node => c !== null && (c.type === 'import_clause' || c.type === 'export_clause'),
  );
  const names = reexport && !clause ? ['*'] : importNames(clause);
  return {
    specifier,
    names,
    line: node.startPosition.row + 1,
    text: capLines(node.text, 3),
    reexport,
  };
}

export interface ModuleFacts {
  symbols: SymbolDef[];
  imports: ImportRef[];
}

/** Names listed in `export { a, b }` without a source: local declarations made public. */
function exportedNames(statement: Node): string[] {
  const clause = statement.namedChildren.find((c) => c?.type === 'export_clause');
  return (clause?.namedChildren ?? []).flatMap((s) => s?.childForFieldName('name')?.text ?? []);
}

function visitExport(source: string, node: Node, facts: ModuleFacts, named: Set<string>): void {
  if (node.childForFieldName('source')) {
    const ref = importRef(node, true);
    if (ref) facts.imports.push(ref);
    return;
  }
  const declaration = node.childForFieldName('declaration') ?? node.childForFieldName('value');
  if (declaration)
    facts.symbols.push(...declare(source, { node: declaration, outer: node, exported: true }));
  else exportedNames(node).forEach((name) => named.add(name));
}

/** Top-level definitions and imports of a TypeScript / TSX / JavaScript module. */
export function extractTypeScript(source: string, root: Node): ModuleFacts {
  const facts: ModuleFacts = { symbols: [], imports: [] };
  const named = new Set<string>();
  for (const node of root.namedChildren) {
    if (!node) continue;
    if (node.type === 'import_statement') {
      const ref = importRef(node, false);
      if (ref) facts.imports.push(ref);
    } else if (node.type === 'export_statement') {
      visitExport(source, node, facts, named);
    } else if (node.type === 'ambient_declaration') {
      const inner = node.namedChildren.find((c): c is Node => c !== null);
      if (inner)
        facts.symbols.push(...declare(source, { node: inner, outer: node, exported: false }));
    } else {
      facts.symbols.push(...declare(source, { node, outer: node, exported: false }));
    }
  }
  for (const symbol of facts.symbols) if (named.has(symbol.name)) symbol.exported = true;
  return facts;
}
