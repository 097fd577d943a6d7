import ts from '../../lib/typescript.cjs';
import type { ResolvedCall } from './imports.js';

/**
 * pg-format (`format(fmt, ...args)`): `%L` quotes a literal and `%I` an identifier, `%s` splices
 * the raw string. Text formatted only with `%L`/`%I`, and `format.literal(x)` /
 * `format.ident(x)`, are quoted the way PostgreSQL reads them: safe. Any `%s` (or a format string
 * the gate cannot read) leaves the result built from its arguments.
 */
export function isQuotingSqlFormat(r: ResolvedCall, call: ts.CallExpression): boolean {
  if (r.module !== 'pg-format') return false;
  if (r.receiver) return r.name === 'literal' || r.name === 'ident';
  const fmt = call.arguments[0];
  if (!fmt || !ts.isStringLiteralLike(fmt)) return false;
  const specifiers = fmt.text.match(/%[^%]|%%/g) ?? [];
  return specifiers.every((s) => s === '%%' || s === '%L' || s === '%I');
}
