/**
 * Egress policy (DESIGN.md, Governance): `policy.egress` rules say which hostings
 * (`api`, `self-hosted`) a request may reach, by the file paths and repositories it
 * carries. A rule matches when each of its non-empty lists (`paths`, `repos`) has a
 * glob matching one of the request's paths / repos (a rule with neither matches
 * every request). Every matching rule must allow a model's hosting: the strictest
 * wins. A forbidden model is dropped from the candidates; when none is left, an
 * allowed model from the fallback pool serves the request, else it is refused
 * with 403 naming the rule.
 */
import { ErrorCode, ShipgateError } from '../errors.js';
import type { ModelSpec } from '../gateway/types.js';
import { globMatch } from './glob.js';
import type { Hosting } from './hosting.js';

export interface EgressRule {
  name: string;
  paths: string[];
  repos: string[];
  allow: Hosting[];
}

/** What a request carries: the files in its prompt and the repositories they come from. */
export interface EgressContext {
  paths: readonly string[];
  repos: readonly string[];
}

export interface EgressDecision {
  verdict: 'allow' | 'fallback' | 'deny';
  /** Names of the rules that matched. */
  rules: string[];
  requested: string[];
  /** The models left to try, in order (empty on deny). */
  chosen: string[];
  /** Per dropped model: the rule that forbade it. */
  dropped: { model: string; hosting: Hosting; rule: string }[];
  /** On deny: the rule named in the 403, and what it allows. */
  deniedBy?: { rule: string; allow: Hosting[] };
}

function listMatches(globs: readonly string[], subjects: readonly string[]): boolean {
  return globs.some((g) => subjects.some((s) => globMatch(g, s)));
}

export function ruleMatches(rule: EgressRule, ctx: EgressContext): boolean {
  if (rule.paths.length > 0 && !listMatches(rule.paths, ctx.paths)) return false;
  if (rule.repos.length > 0 && !listMatches(rule.repos, ctx.repos)) return false;
  return true;
}

export class EgressPolicy {
  constructor(
    private readonly rules: readonly EgressRule[],
    private readonly hostingOf: (model: ModelSpec) => Hosting,
  ) {}

  get empty(): boolean {
    return this.rules.length === 0;
  }

  matching(ctx: EgressContext): EgressRule[] {
    return this.rules.filter((r) => ruleMatches(r, ctx));
  }

  /** The first matching rule that forbids the model's hosting, or undefined. */
  #forbiddenBy(model: ModelSpec, matched: readonly EgressRule[]): EgressRule | undefined {
    const hosting = this.hostingOf(model);
    return matched.find((r) => !r.allow.includes(hosting));
  }

  /**
   * The candidates this request may use (order kept), or allowed models from `pool`
   * when none is; on deny `models` is empty (see `egressDenied`). `decision` is null
   * when no rule matched (nothing was decided).
   */
  select(
    candidates: readonly ModelSpec[],
    ctx: EgressContext,
    pool: () => readonly ModelSpec[],
  ): { models: ModelSpec[]; decision: EgressDecision | null } {
    const matched = this.matching(ctx);
    if (matched.length === 0) return { models: [...candidates], decision: null };
    const dropped: EgressDecision['dropped'] = [];
    const kept = candidates.filter((m) => {
      const rule = this.#forbiddenBy(m, matched);
      if (rule) dropped.push({ model: m.alias, hosting: this.hostingOf(m), rule: rule.name });
      return rule === undefined;
    });
    const base = {
      rules: matched.map((r) => r.name),
      requested: aliases(candidates),
      dropped,
    };
    if (kept.length > 0)
      return { models: kept, decision: { ...base, verdict: 'allow', chosen: aliases(kept) } };
    const fallback = pool().filter((m) => this.#forbiddenBy(m, matched) === undefined);
    if (fallback.length > 0)
      return {
        models: fallback,
        decision: { ...base, verdict: 'fallback', chosen: aliases(fallback) },
      };
    const rule = matched.find((r) => r.name === dropped[0]?.rule) ?? matched[0]!;
    return {
      models: [],
      decision: {
        ...base,
        verdict: 'deny',
        chosen: [],
        deniedBy: { rule: rule.name, allow: rule.allow },
      },
    };
  }
}

function aliases(models: readonly ModelSpec[]): string[] {
  return models.map((m) => m.alias);
}

/** The 403 for a deny decision: names the rule, what it allows and how to fix it. */
export function egressDenied(decision: EgressDecision): ShipgateError {
  const rule = decision.deniedBy ?? { rule: decision.rules[0] ?? 'unknown', allow: [] };
  const allow =
    rule.allow.length === 0 ? 'no model at all' : `only ${rule.allow.join(' or ')} models`;
  return new ShipgateError(
    ErrorCode.Forbidden,
    `egress policy rule "${rule.rule}" allows ${allow} for this request's paths/repositories, and no configured model qualifies (tried: ${decision.requested.join(', ') || 'none'}); configure a model with an allowed hosting or change policy.egress`,
    { details: { rule: rule.rule, decision } },
  );
}
