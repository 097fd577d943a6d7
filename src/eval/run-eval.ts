/**
 * `shipgate eval`: two arms (prompt templates, or models) over one problem set —
 * one model call per problem and arm (pass@1, no repair), each answer judged in the
 * sandbox the way the dataset does — then pass@1, cost and latency per arm and
 * McNemar's exact test on the paired outcomes.
 */
import { nearestRank } from '../store/usage-repo.js';
import { extractCodeBlocks } from '../extract/extract.js';
import type { GatewayResult } from '../gateway/call-result.js';
import type { ModelRequest } from '../gateway/types.js';
import type { SandboxOptions, SandboxResult } from '../sandbox/types.js';
import { roundTo } from '../analytics/break-even.js';
import { mcnemarExact, type McNemar } from './mcnemar.js';
import { judgedProgram, type Problem } from './problems.js';

export interface Arm {
  label: string;
  template?: string;
  model?: string;
}

export interface EvalDeps {
  generate(request: ModelRequest): Promise<GatewayResult>;
  render(arm: Arm, spec: string): Promise<ModelRequest['messages']>;
  sandbox(options: SandboxOptions): Promise<SandboxResult>;
  timeoutMs?: number;
  concurrency?: number;
}

export interface ArmResult {
  arm: Arm;
  problems: number;
  passed: number;
  passAt1: number;
  errors: number;
  costUsd: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
}

export interface EvalReport {
  arms: [ArmResult, ArmResult];
  comparison: McNemar & { alpha: number; better: string | null };
  outcomes: { taskId: string; passed: [boolean, boolean] }[];
}

interface Outcome {
  passed: boolean;
  error: boolean;
  costMicros: number;
  latencyMs: number;
}

function codeOf(text: string, entry: string): string {
  const blocks = extractCodeBlocks(text);
  return (blocks.find((b) => b.code.includes(entry)) ?? blocks[0])?.code ?? text;
}

function spec(problem: Problem): string {
  return `Complete this JavaScript function \`${problem.entry_point}\`. Answer with the whole function, plain JavaScript, no imports:\n\n${problem.prompt}`;
}

async function runOne(deps: EvalDeps, arm: Arm, problem: Problem): Promise<Outcome> {
  let reply: GatewayResult;
  try {
    const messages = await deps.render(arm, spec(problem));
    reply = await deps.generate({ task: 'generate', model: arm.model, messages, temperature: 0 });
  } catch {
    return { passed: false, error: true, costMicros: 0, latencyMs: 0 };
  }
  const result = await deps.sandbox({
    code: judgedProgram(problem, codeOf(reply.text, problem.entry_point)),
    language: 'js',
    timeoutMs: deps.timeoutMs ?? 10_000,
  });
  return {
    passed: result.verdict === 'pass',
    error: false,
    costMicros: reply.costMicros,
    latencyMs: reply.latencyMs,
  };
}

async function runArm(deps: EvalDeps, arm: Arm, problems: readonly Problem[]) {
  const outcomes: Outcome[] = new Array(problems.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < problems.length; i = next++)
      outcomes[i] = await runOne(deps, arm, problems[i]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 2) }, worker));
  return outcomes;
}

function summary(arm: Arm, outcomes: Outcome[]): ArmResult {
  const latencies = outcomes
    .filter((o) => !o.error)
    .map((o) => o.latencyMs)
    .sort((a, b) => a - b);
  const passed = outcomes.filter((o) => o.passed).length;
  return {
    arm,
    problems: outcomes.length,
    passed,
    passAt1: roundTo(passed / outcomes.length, 4),
    errors: outcomes.filter((o) => o.error).length,
    costUsd: roundTo(outcomes.reduce((s, o) => s + o.costMicros, 0) / 1e6, 6),
    p50LatencyMs: Math.round(nearestRank(latencies, 0.5) ?? 0),
    p95LatencyMs: Math.round(nearestRank(latencies, 0.95) ?? 0),
  };
}

export async function runEval(
  deps: EvalDeps,
  arms: [Arm, Arm],
  problems: readonly Problem[],
  alpha = 0.05,
): Promise<EvalReport> {
  const a = await runArm(deps, arms[0], problems);
  const b = await runArm(deps, arms[1], problems);
  const aOnly = a.filter((o, i) => o.passed && !b[i]!.passed).length;
  const bOnly = b.filter((o, i) => o.passed && !a[i]!.passed).length;
  const test = mcnemarExact(aOnly, bOnly, alpha);
  const better = !test.significant ? null : aOnly > bOnly ? arms[0].label : arms[1].label;
  return {
    arms: [summary(arms[0], a), summary(arms[1], b)],
    comparison: { ...test, pValue: roundTo(test.pValue, 6), alpha, better },
    outcomes: problems.map((p, i) => ({
      taskId: p.task_id,
      passed: [a[i]!.passed, b[i]!.passed],
    })),
  };
}
