import type { Flow, Taint } from './types.js';

/**
 * A guard that protects against one class of attack only. A check that a value holds no `..`
 * (`if (p.includes('..')) return;`) keeps a file path inside its directory, but the same value
 * can still carry markup, quotes or `__proto__`: it stays tainted for every other rule.
 */
export type GuardClass = 'path' | 'html' | 'url' | 'uri';

/** Sinks a request or a link goes to: a fixed host or a same-site path protects them. */
const urlRules = [
  'ssrf',
  'ssrf-sockets',
  'open-redirect',
  'xss-dom-attributes',
  'xss-frameworks',
  'xss-url-props',
  'script-loads',
];

/** Sinks that parse markup or page text: HTML escaping protects them (not URL attributes). */
const markupRules = [
  'xss',
  'xss-jquery',
  'xss-jquery-markup',
  'xss-trusted-markup',
  'xss-markup',
  'xss-response',
  'xss-vue-render',
  'inline-templates',
];

/** Rules whose sinks a guard class protects (`html`: HTML escaping, for markup sinks). */
const protectedRules: Record<GuardClass, ReadonlySet<string>> = {
  path: new Set(['path-traversal']),
  url: new Set(urlRules),
  // a percent-encoded component: no markup, scheme, host or shell operator; quotes and `..` remain
  uri: new Set([...urlRules, ...markupRules, 'command-injection']),
  // not URL attributes or script text (`a.href = escapeHtml(u)` still runs `javascript:`)
  html: new Set(markupRules),
};

/** `flow` after a guard of class `cls`: still tainted, but safe for the rules that class protects. */
export function guardedFlow(flow: Flow, cls: GuardClass): Flow {
  if (flow.state !== 'tainted' || flow.taint.safeFor?.includes(cls)) return flow;
  const safeFor = [...(flow.taint.safeFor ?? []), cls];
  return { state: 'tainted', taint: { ...flow.taint, safeFor } };
}

/** `flow` after the guards of all `classes` (a function that escapes its parameter for HTML). */
export function guardedBy(flow: Flow, classes: readonly GuardClass[] | undefined): Flow {
  let out = flow;
  for (const c of classes ?? []) out = guardedFlow(out, c);
  return out;
}

/** Guard classes both taints went through (a join is only as safe as its less-checked side). */
export function commonSafeFor(a: Taint, b: Taint): Pick<Taint, 'safeFor'> {
  const both = a.safeFor?.filter((c) => b.safeFor?.includes(c));
  return both && both.length > 0 ? { safeFor: both } : {};
}

/** How rule `ruleId` sees a flow: safe when it went through a guard that protects this rule. */
export function flowForRule(flow: Flow, ruleId: string): Flow {
  if (flow.state !== 'tainted' || !flow.taint.safeFor) return flow;
  const safe = flow.taint.safeFor.some((c) => protectedRules[c].has(ruleId));
  return safe ? { state: 'safe' } : flow;
}
