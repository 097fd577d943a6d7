/**
 * `shipgate cost` and `GET /api/cost`: spend over a period by model, task, key,
 * team and template, and the API vs self-hosted break-even from metered usage
 * (DESIGN.md, "Contracts added in wave 2" → Cost). Sums come from SQL over the
 * usage rows; money stays in integer micro-dollars until the output.
 */
import type { ShipgateConfig } from '../config/load.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import { globMatch } from '../policy/glob.js';
import { modelHosting, type Hosting } from '../policy/hosting.js';
import type { Store } from '../store/store.js';
import { createAnalyticsRepo } from './analytics-repo.js';
import { computeBreakEven, hoursPerMonth, roundTo, type BreakEven } from './break-even.js';

export type CostConfig = Pick<ShipgateConfig, 'models' | 'providers' | 'teams'>;

export interface SpendRow {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface CostReport {
  period: { from: string; to: string; days: number };
  requests: number;
  costUsd: number;
  byModel: (SpendRow & { model: string; hosting: Hosting })[];
  byTask: (SpendRow & { task: string })[];
  byKey: (SpendRow & { key: string })[];
  byTeam: (SpendRow & { team: string })[];
  byTemplate: { template: string; runs: number; costUsd: number }[];
  breakEven: BreakEven;
}

export interface CostOptions {
  since: number;
  now: number;
  /** --self-hosted-monthly; default: self-hosted models' costPerHour × 730. */
  selfHostedMonthlyUsd?: number;
  /** Only this key's usage (a developer key reading its own). */
  caller?: string;
}

interface Group {
  key: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
}

const usd = (micros: number): number => roundTo(micros / 1e6, 6);

function spend(g: Group): SpendRow {
  return {
    requests: g.calls,
    inputTokens: g.inputTokens,
    outputTokens: g.outputTokens,
    costUsd: usd(g.costMicros),
  };
}

/** Self-hosted models' costPerHour × 730, or null when none is configured. */
export function configuredSelfHostedMonthly(config: CostConfig): number | null {
  let perHour = 0;
  let any = false;
  for (const [alias, m] of Object.entries(config.models)) {
    if (m.costPerHour === undefined || modelHosting(config, alias) !== 'self-hosted') continue;
    perHour += m.costPerHour;
    any = true;
  }
  return any ? roundTo(perHour * hoursPerMonth, 2) : null;
}

/** The first team (config order) whose globs match the key name, or `(no team)`. */
export function teamOf(config: CostConfig, key: string): string {
  for (const [team, globs] of Object.entries(config.teams)) {
    if (globs.some((g) => globMatch(g, key))) return team;
  }
  return '(no team)';
}

function byTeam(config: CostConfig, keys: Group[]): Group[] {
  const teams = new Map<string, Group>();
  for (const k of keys) {
    const team = teamOf(config, k.key);
    const t = teams.get(team) ?? {
      key: team,
      calls: 0,
      inputTokens: 0,
      outputTokens: 0,
      costMicros: 0,
    };
    t.calls += k.calls;
    t.inputTokens += k.inputTokens;
    t.outputTokens += k.outputTokens;
    t.costMicros += k.costMicros;
    teams.set(team, t);
  }
  return [...teams.values()].sort(
    (a, b) => b.costMicros - a.costMicros || (a.key < b.key ? -1 : 1),
  );
}

async function modelGroups(store: Store, since: number, until: number, caller?: string) {
  const rows = await store.db
    .selectFrom('usage')
    .where('started_at', '>=', since)
    .where('started_at', '<', until)
    .$if(caller !== undefined, (qb) => qb.where('caller', '=', caller ?? ''))
    .groupBy(['model', 'provider'])
    .select((eb) => [
      'model',
      'provider',
      eb.fn.countAll<number | string>().as('calls'),
      eb.fn.sum<number | string>('input_tokens').as('input_sum'),
      eb.fn.sum<number | string>('output_tokens').as('output_sum'),
      eb.fn.sum<number | string>('cost_micros').as('cost_sum'),
    ])
    .execute();
  return rows.map((r) => ({
    key: r.model,
    provider: r.provider,
    calls: Number(r.calls),
    inputTokens: Number(r.input_sum ?? 0),
    outputTokens: Number(r.output_sum ?? 0),
    costMicros: Number(r.cost_sum ?? 0),
  }));
}

function checkOptions(options: CostOptions): number {
  const days = (options.now - options.since) / 86_400_000;
  if (!(days > 0))
    throw new ShipgateError(
      ErrorCode.BadRequest,
      'since must be in the past (e.g. 30d or an ISO date)',
    );
  const monthly = options.selfHostedMonthlyUsd;
  if (monthly !== undefined && !(Number.isFinite(monthly) && monthly >= 0))
    throw new ShipgateError(
      ErrorCode.BadRequest,
      'the self-hosted monthly cost must be a number of dollars ≥ 0',
    );
  return days;
}

/** Builds the cost report for [since, now). Throws BadRequest on an empty window. */
export async function costReport(
  store: Store,
  config: CostConfig,
  options: CostOptions,
): Promise<CostReport> {
  const days = checkOptions(options);
  const { since, now } = options;
  const query = { since, until: now, caller: options.caller };
  const [models, tasks, keys, runs] = await Promise.all([
    modelGroups(store, since, now, options.caller),
    store.usage.summarize(query, 'task'),
    store.usage.summarize(query, 'caller'),
    createAnalyticsRepo(store.db).generateRuns(query, options.caller),
  ]);
  const withHosting = models.map((m) => ({
    ...m,
    hosting: modelHosting(config, m.key, m.provider),
  }));
  withHosting.sort((a, b) => b.costMicros - a.costMicros || (a.key < b.key ? -1 : 1));
  const api = withHosting.filter((m) => m.hosting === 'api');
  const requests = models.reduce((n, m) => n + m.calls, 0);
  const costMicros = models.reduce((n, m) => n + m.costMicros, 0);
  return {
    period: {
      from: new Date(since).toISOString(),
      to: new Date(now).toISOString(),
      days: roundTo(days, 4),
    },
    requests,
    costUsd: usd(costMicros),
    byModel: withHosting.map((m) => ({ model: m.key, hosting: m.hosting, ...spend(m) })),
    byTask: tasks.map((t) => ({ task: t.key, ...spend(t) })),
    byKey: keys.map((k) => ({ key: k.key, ...spend(k) })),
    byTeam: byTeam(config, keys).map((t) => ({ team: t.key, ...spend(t) })),
    byTemplate: templateSpend(runs),
    breakEven: computeBreakEven({
      selfHostedMonthlyUsd: options.selfHostedMonthlyUsd ?? configuredSelfHostedMonthly(config),
      apiCostMicros: api.reduce((n, m) => n + m.costMicros, 0),
      apiRequests: api.reduce((n, m) => n + m.calls, 0),
      requests,
      days,
    }),
  };
}

function templateSpend(runs: { template: string; cost_micros: number }[]) {
  const byName = new Map<string, { runs: number; micros: number }>();
  for (const r of runs) {
    const t = byName.get(r.template) ?? { runs: 0, micros: 0 };
    t.runs += 1;
    t.micros += Number(r.cost_micros);
    byName.set(r.template, t);
  }
  return [...byName.entries()]
    .map(([template, t]) => ({ template, runs: t.runs, costUsd: usd(t.micros) }))
    .sort((a, b) => b.costUsd - a.costUsd || (a.template < b.template ? -1 : 1));
}
