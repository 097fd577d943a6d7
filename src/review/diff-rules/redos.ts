import ts from '../../lib/typescript.cjs';

/** One regex atom and its quantifier. */
interface Atom {
  text: string;
  quantifier: '' | '?' | '*' | '+' | 'range-open' | 'range';
}

const atomPattern = /\\.|\[(?:\\.|[^\]\\])*\]|\(|\)|[^\\[()]/y;

function quantifierAt(source: string, index: number): { q: Atom['quantifier']; length: number } {
  const c = source[index];
  if (c === '?' || c === '*' || c === '+') {
    const lazy = source[index + 1] === '?' ? 1 : 0;
    return { q: c, length: 1 + lazy };
  }
  const range = /^\{(\d+)(,(\d*))?\}\??/.exec(source.slice(index));
  if (range)
    return {
      q: range[2] !== undefined && !range[3] ? 'range-open' : 'range',
      length: range[0].length,
    };
  return { q: '', length: 0 };
}

const repeats = (q: Atom['quantifier']) => q === '+' || q === '*' || q === 'range-open';
const optional = (q: Atom['quantifier']) => q === '?' || q === '*';

/** Flat atoms of a group body; null when the body holds a nested group (not analysed). */
function atomsOf(body: string): Atom[] | null {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < body.length) {
    atomPattern.lastIndex = i;
    const match = atomPattern.exec(body);
    if (!match) return null;
    const text = match[0];
    if (text === '(' || text === ')' || text === '|') return null;
    i += text.length;
    const { q, length } = quantifierAt(body, i);
    i += length;
    atoms.push({ text, quantifier: q });
  }
  return atoms;
}

/**
 * True when the pattern has a repeated group whose body repeats one atom and everything else
 * in it is optional — `([a-z]+\.?)+`, `(\w+\s*)*`: the input can be split between the inner
 * and outer repetition in exponentially many ways (catastrophic backtracking, CWE-1333).
 * A mandatory separator (`(\d+\.)+`) makes the split unique and is not flagged.
 */
export function hasNestedQuantifier(source: string): boolean {
  const groups = /\((\?:)?((?:\\.|\[(?:\\.|[^\]\\])*\]|[^()\\])*)\)([*+]|\{\d+,\})/g;
  for (const match of source.matchAll(groups)) {
    const atoms = atomsOf(match[2] ?? '');
    if (!atoms || atoms.length === 0) continue;
    const repeated = atoms.filter((a) => repeats(a.quantifier));
    if (repeated.length === 0) continue;
    if (atoms.every((a) => repeats(a.quantifier) || optional(a.quantifier))) return true;
  }
  return false;
}

export interface RegexSite {
  line: number;
  pattern: string;
}

/** Regex literals and `new RegExp('…')` / `RegExp('…')` with a literal pattern, with their lines. */
export function regexSites(path: string, text: string): RegexSite[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const sites: RegexSite[] = [];
  const lineOf = (node: ts.Node) =>
    source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const body = node.text.slice(1, node.text.lastIndexOf('/'));
      sites.push({ line: lineOf(node), pattern: body });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      const first = node.arguments?.[0];
      if (first && ts.isStringLiteralLike(first))
        sites.push({ line: lineOf(node), pattern: first.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}
