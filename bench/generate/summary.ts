import type { StopReason } from '../../src/generate/types.js';

export interface TaskOutcome {
  taskId: string;
  passed: boolean;
  attempts: number;
  stopReason: StopReason;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
  durationMs: number;
}

export interface SummaryContext {
  mode: 'scripted' | 'provider';
  maxAttempts: number;
  wallMs: number;
  template: { name: string; version: string; hash: string };
  wrongUpstream: string[];
  /** Scripted mode: tasks where the model answered the canonical after seeing the failure. */
  feedbackReached: number | null;
}

export interface Summary extends Omit<SummaryContext, 'wrongUpstream'> {
  tasks: number;
  /** passAfter[k-1]: tasks passed within k attempts (k = 1 is pass@1). */
  passAfter: number[];
  meanAttempts: number;
  stopReasons: Record<string, number>;
  tokens: { input: number; output: number; perTask: number };
  costMicros: { total: number; perTask: number };
  meanTaskMs: number;
  wrongUpstream: { taskId: string; passed: boolean; stopReason: StopReason }[];
  passedExcludingWrongUpstream: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function summarize(outcomes: TaskOutcome[], ctx: SummaryContext): Summary {
  const n = outcomes.length || 1;
  const passAfter = Array.from(
    { length: ctx.maxAttempts },
    (_, k) => outcomes.filter((o) => o.passed && o.attempts <= k + 1).length,
  );
  const stopReasons: Record<string, number> = {};
  for (const o of outcomes) stopReasons[o.stopReason] = (stopReasons[o.stopReason] ?? 0) + 1;
  const input = outcomes.reduce((s, o) => s + o.inputTokens, 0);
  const output = outcomes.reduce((s, o) => s + o.outputTokens, 0);
  const cost = outcomes.reduce((s, o) => s + o.costMicros, 0);
  const wrong = outcomes.filter((o) => ctx.wrongUpstream.includes(o.taskId));
  const fair = outcomes.filter((o) => !ctx.wrongUpstream.includes(o.taskId));
  return {
    ...ctx,
    tasks: outcomes.length,
    passAfter,
    meanAttempts: round1(outcomes.reduce((s, o) => s + o.attempts, 0) / n),
    stopReasons,
    tokens: { input, output, perTask: Math.round((input + output) / n) },
    costMicros: { total: cost, perTask: Math.round(cost / n) },
    meanTaskMs: Math.round(outcomes.reduce((s, o) => s + o.durationMs, 0) / n),
    wrongUpstream: wrong.map((o) => ({
      taskId: o.taskId,
      passed: o.passed,
      stopReason: o.stopReason,
    })),
    passedExcludingWrongUpstream: `${fair.filter((o) => o.passed).length}/${fair.length}`,
  };
}

const pct = (a: number, b: number) => (b === 0 ? '0.0' : ((a / b) * 100).toFixed(1));

export function printSummary(s: Summary): void {
  console.log(
    `generate benchmark — HumanEval-X JS dev (${s.tasks} tasks), ${s.mode} model, template ${s.template.name}@${s.template.version}`,
  );
  s.passAfter.forEach((passed, k) =>
    console.log(
      `  pass after attempt ${k + 1}${k === 0 ? ' (pass@1)' : ''}: ${passed}/${s.tasks} (${pct(passed, s.tasks)}%)`,
    ),
  );
  console.log(`  passed excluding wrong-upstream tasks: ${s.passedExcludingWrongUpstream}`);
  console.log(
    `  mean attempts: ${s.meanAttempts}   stop reasons: ${JSON.stringify(s.stopReasons)}`,
  );
  console.log(
    `  tokens: ${s.tokens.input} in / ${s.tokens.output} out (${s.tokens.perTask} per task)`,
  );
  console.log(`  cost: ${s.costMicros.total} µ$ (${s.costMicros.perTask} µ$ per task)`);
  console.log(`  wall time: ${(s.wallMs / 1000).toFixed(1)} s (mean ${s.meanTaskMs} ms per task)`);
  if (s.feedbackReached !== null)
    console.log(
      `  failure text reached the model (canonical served after feedback): ${s.feedbackReached}/${s.tasks}`,
    );
  for (const w of s.wrongUpstream)
    console.log(
      `  canonical wrong upstream: ${w.taskId} → ${w.passed ? 'passed' : `not passed (${w.stopReason})`}`,
    );
}
