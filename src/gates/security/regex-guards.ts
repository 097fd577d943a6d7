import ts from '../../lib/typescript.cjs';
import { unwrap } from './ast.js';
import { keysOf, type RawCheck } from './guards.js';
import { definition, hasFixedHost } from './rule-kit.js';

/** Source of a regular expression literal (or `new RegExp('…')`) an expression refers to. */
function regexSource(expr: ts.Expression): string | undefined {
  const e = definition(expr);
  if (ts.isRegularExpressionLiteral(e)) {
    const end = e.text.lastIndexOf('/');
    return e.text.slice(1, end);
  }
  if ((ts.isNewExpression(e) || ts.isCallExpression(e)) && ts.isIdentifier(unwrap(e.expression))) {
    const [a] = e.arguments ?? [];
    const u = a && unwrap(a);
    if (u && ts.isStringLiteralLike(u)) return u.text;
  }
  return undefined;
}

/** `.` `\S` `\s\S` outside a character class followed by a repetition: matches anything. */
function hasWildcard(src: string): boolean {
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') {
      const next = src[i + 1];
      if (!inClass && (next === 'S' || next === 'W') && /[*+{]/.test(src[i + 2] ?? '')) return true;
      i++;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '.' && !inClass && /[*+{]/.test(src[i + 1] ?? '')) return true;
  }
  return false;
}

/** Literal text at the start of an anchored pattern (`^https:\/\/api\.x\.com\/` → `https://api.x.com/`). */
function literalPrefix(src: string): string {
  let out = '';
  for (let i = 1; i < src.length; i++) {
    const ch = src[i] ?? '';
    if (ch === '\\') {
      const next = src[i + 1] ?? '';
      if (/[a-zA-Z0-9]/.test(next)) break;
      out += next;
      i++;
      continue;
    }
    if (/[[\](){}*+?|^$.]/.test(ch)) break;
    out += ch;
  }
  return out;
}

/** `^\/(?![\/\\])`, `^\/[^\/\\]`: a same-site path that cannot start with `//` or `/\`. */
const sameSitePath = /^\^\\\/(\(\?!\[?\\\/|\[\^\\\/)/;

/** What `re.test(subject)` being `truth` proves about `subject`. */
export function regexChecks(re: ts.Expression, subject: ts.Expression, truth: boolean): RawCheck[] {
  const src = regexSource(re);
  if (src === undefined) return truth ? keysOf([subject], 'full') : [];
  const start = src.startsWith('^');
  const end = /(^|[^\\])\$\)*$/.test(src);
  if (truth) {
    if (start && end && !hasWildcard(src)) return keysOf([subject], 'full');
    if (start && (sameSitePath.test(src) || hasFixedHost(literalPrefix(src))))
      return keysOf([subject], 'url');
    return start && literalPrefix(src) === '/' ? keysOf([subject], 'slash') : [];
  }
  // A match means "bad": forbidden-character classes protect, traversal sequences protect paths.
  if (start && end) return [];
  if (src.includes('[^')) return keysOf([subject], 'full');
  if (src.includes('\\.\\.')) return keysOf([subject], 'path'); // `..`: a path stays in its directory
  if (/^\^?\\\/\\\//.test(src) || src === '^//') return keysOf([subject], 'no-dslash');
  return /^\[[^\]]*(;|\||&|\$|`)[^\]]*\]/.test(src) ? keysOf([subject], 'full') : [];
}
