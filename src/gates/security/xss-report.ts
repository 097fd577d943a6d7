import type ts from '../../lib/typescript.cjs';
import { sourceText, type Level } from './rule-kit.js';
import type { Flow, RuleContext } from './types.js';

/** How the value reaches the page, for the finding's message. */
export type XssWording = 'renders' | 'puts' | 'is-set' | 'unescaped';

export type XssReport = (
  ctx: RuleContext,
  node: ts.Node,
  level: Level,
  flow: Flow,
  what: string,
  fix?: string,
) => void;

function messageOf(wording: XssWording, level: Level, flow: Flow, what: string): string {
  const known = level !== 'unknown' && level !== 'none';
  const from = known ? sourceText(flow) : 'a non-constant value';
  if (wording === 'renders')
    return known
      ? `${what} renders ${from} as HTML.`
      : `${what} renders a non-constant, unsanitized value as HTML.`;
  if (wording === 'is-set') return `${what} is set from ${from}.`;
  if (wording === 'unescaped' && !known) return `${what}: output is no longer escaped.`;
  return `${what} puts ${from} into the page without escaping.`;
}

/** The XSS rules' one way to report (CWE-79): high from remote input, medium otherwise. */
export function xssReporter(wording: XssWording, defaultFix: string): XssReport {
  return (ctx, node, level, flow, what, fix = defaultFix) =>
    ctx.report(node, {
      rule: 'xss',
      cwe: 'CWE-79',
      severity: level === 'remote' ? 'high' : 'medium',
      message: messageOf(wording, level, flow, what),
      fix,
    });
}
