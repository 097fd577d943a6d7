import ts from '../lib/typescript.cjs';

const kinds: Record<string, ts.ScriptKind> = {
  ts: ts.ScriptKind.TS,
  mts: ts.ScriptKind.TS,
  cts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
  js: ts.ScriptKind.JS,
  mjs: ts.ScriptKind.JS,
  cjs: ts.ScriptKind.JS,
  jsx: ts.ScriptKind.JSX,
};

/** Source files the AST gates (complexity, patterns) read. */
export const astFile = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;
export const declarationFile = /\.d\.[cm]?ts$/i;

/** Script kind for a JS/TS path by its extension; TS for anything else. */
function scriptKindOf(path: string): ts.ScriptKind {
  const extension = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase() ?? 'ts';
  return Object.hasOwn(kinds, extension) ? (kinds[extension] as ts.ScriptKind) : ts.ScriptKind.TS;
}

/**
 * The last few trees parsed on this thread. The security, complexity and patterns gates
 * read the same file, often on the same pool worker one after another: they share one
 * parse instead of three. Trees are only read, never changed, so sharing is safe.
 */
const recentParses: Array<{ path: string; content: string; tree: ts.SourceFile }> = [];
const maxRecentParses = 4;

/** Nodes whose children get their `parent` next (one stack, reused: see `setParents`). */
const pending: ts.Node[] = [];
let adopter: ts.Node | undefined;
const adopt = (child: ts.Node): undefined => {
  (child as { parent: ts.Node | undefined }).parent = adopter;
  pending.push(child);
  return undefined;
};

/**
 * Sets `parent` on every node of a tree parsed without JSDoc, as `setParentNodes: true` would,
 * with one reused stack instead of the two arrays and a closure per node of TypeScript's walk
 * (a tenth of what the security gate allocated per file).
 */
function setParents(root: ts.SourceFile): void {
  pending.length = 0;
  pending.push(root);
  while (pending.length > 0) {
    adopter = pending.pop();
    ts.forEachChild(adopter as ts.Node, adopt);
  }
}

/**
 * JSDoc comments are not parsed: no gate reads them (doc-comment checks read the comment text),
 * and parsing them was a fifth of the parse. The tree is otherwise the same.
 */
const parseOptions: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
};

/** Parses one file (no type information: fast, and never throws on bad syntax). */
export function parseSource(path: string, content: string): ts.SourceFile {
  const hit = recentParses.find((p) => p.path === path && p.content === content);
  if (hit) return hit.tree;
  const tree = ts.createSourceFile(path, content, parseOptions, false, scriptKindOf(path));
  setParents(tree);
  recentParses.unshift({ path, content, tree });
  if (recentParses.length > maxRecentParses) recentParses.pop();
  return tree;
}

/** 1-based line of a node's first token. */
export function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

/** 1-based column of a node's first token. */
export function columnOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).character + 1;
}

/** 1-based line of a node's last character. */
export function endLineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
}

/** Functions with bodies: declarations, methods, accessors, constructors, arrows, expressions. */
export function isMeasuredFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node)) &&
    node.body !== undefined
  );
}

function nameText(name: ts.Node | undefined, source: ts.SourceFile): string | undefined {
  return name ? name.getText(source) : undefined;
}

function classPrefix(node: ts.Node, source: ts.SourceFile): string {
  const owner = node.parent;
  if (owner && (ts.isClassDeclaration(owner) || ts.isClassExpression(owner)) && owner.name) {
    return `${owner.name.getText(source)}.`;
  }
  return '';
}

/** A readable name for a function: `save`, `Repo.save`, `handler` (from `const handler = () => …`). */
export function functionName(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return `${classPrefix(node, source)}constructor`;
  if (
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  ) {
    return `${classPrefix(node, source)}${nameText(node.name, source)}`;
  }
  const own = nameText(node.name, source);
  if (own) return own;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))
    return parent.name.getText(source);
  if (ts.isPropertyDeclaration(parent))
    return `${classPrefix(parent, source)}${parent.name.getText(source)}`;
  if (ts.isExportAssignment(parent)) return 'default export';
  return `anonymous function at line ${lineOf(source, node)}`;
}
