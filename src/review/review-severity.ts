import type { Finding, Severity } from '../gates/types.js';

/** ESLint's rule kinds: `problem` is a likely bug; `suggestion` and `layout` are style. */
export type LintRuleKind = 'problem' | 'suggestion' | 'layout' | 'unknown';

export type LintKindLookup = (rule: string) => LintRuleKind;

/** Reads rule kinds from ESLint's own rule metadata (core rules and typescript-eslint's). */
export async function loadLintKinds(): Promise<LintKindLookup> {
  const [risky, tsModule] = await Promise.all([
    import('eslint/use-at-your-own-risk'),
    import('typescript-eslint'),
  ]);
  // CommonJS modules: the namespace, or its default export when bundled.
  const { builtinRules } = risky.default ?? risky;
  const tseslint = tsModule.default ?? tsModule;
  const pluginRules = (tseslint.plugin as { rules?: unknown } | undefined)?.rules as Record<
    string,
    { meta?: { type?: string } }
  >;
  return (rule) => {
    const meta = rule.startsWith('@typescript-eslint/')
      ? pluginRules?.[rule.slice('@typescript-eslint/'.length)]?.meta
      : builtinRules.get(rule)?.meta;
    const type = meta?.type;
    return type === 'problem' || type === 'suggestion' || type === 'layout' ? type : 'unknown';
  };
}

export interface ReviewClass {
  severity: Severity;
  category: string;
}

const lintPipelineRules = new Set(['parse-error', 'lint-config-error']);

/**
 * ESLint files these under `problem`, but in a diff they are hygiene (dead or empty code),
 * not a likely bug: reported low so medium and above keeps its meaning.
 */
const hygieneRules = new Set([
  'no-unused-vars',
  '@typescript-eslint/no-unused-vars',
  'no-unused-labels',
  'no-empty',
  'no-empty-pattern',
  'no-useless-escape',
  'no-extra-boolean-cast',
  'no-unused-private-class-members',
]);

function capped(severity: Severity, cap: Severity): Severity {
  const order: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
  return order.indexOf(severity) > order.indexOf(cap) ? cap : severity;
}

/**
 * A gate finding's severity and category in a review. Medium and above must mean a likely
 * bug or vulnerability, so style-only lint rules become low (layout: info), and complexity
 * (maintainability) and required patterns (policy) at most low; everything else keeps the
 * gate's severity.
 */
export function classifyForReview(finding: Finding, lintKind: LintKindLookup): ReviewClass {
  switch (finding.gate) {
    case 'security':
      return { severity: finding.severity, category: 'security' };
    case 'secrets':
      return { severity: finding.severity, category: 'secrets' };
    case 'typecheck':
      return { severity: finding.severity, category: 'correctness' };
    case 'complexity':
      return { severity: capped(finding.severity, 'low'), category: 'maintainability' };
    case 'patterns':
      // Project conventions (required patterns): policy, not a likely bug.
      return { severity: capped(finding.severity, 'low'), category: 'policy' };
    case 'lint': {
      if (lintPipelineRules.has(finding.rule))
        return { severity: finding.severity, category: 'correctness' };
      if (hygieneRules.has(finding.rule))
        return { severity: capped(finding.severity, 'low'), category: 'maintainability' };
      const kind = lintKind(finding.rule);
      if (kind === 'problem') return { severity: finding.severity, category: 'correctness' };
      if (kind === 'layout') return { severity: 'info', category: 'style' };
      return { severity: capped(finding.severity, 'low'), category: 'style' };
    }
    default:
      return { severity: finding.severity, category: finding.gate };
  }
}
