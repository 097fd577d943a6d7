import { sumUsage, type GatewayResult } from '../gateway/call-result.js';
import type { ChatMessage } from '../gateway/types.js';
import type { Spent } from './budget.js';
import type { Evaluation } from './evaluate.js';
import type {
  AttemptRecord,
  GeneratedFile,
  GenerateResult,
  PromptRendered,
  StopReason,
} from './types.js';

export interface LoopState {
  messages: ChatMessage[];
  attempts: AttemptRecord[];
  files: GeneratedFile[];
  spent: Spent;
  noCodeOnce: boolean;
}

export interface Stop {
  reason: StopReason;
  detail: string;
}

/** One attempt as the result lists it: files, findings, verdict, tokens, cost, timings, model. */
export function recordOf(
  n: number,
  reply: GatewayResult,
  evaluation: Evaluation,
  validateMs: number,
): AttemptRecord {
  const usage = sumUsage(reply.attempts);
  const record: AttemptRecord = {
    attempt: n,
    files: evaluation.files.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.content) })),
    findings: evaluation.findings,
    gates: evaluation.gates,
    verdict: evaluation.verdict,
    tokens: { input: usage.inputTokens, output: usage.outputTokens },
    costMicros: reply.costMicros,
    latencyMs: Math.round(reply.latencyMs),
    validateMs: Math.round(validateMs),
    model: reply.model,
    provider: reply.provider,
  };
  if (evaluation.tests) record.tests = evaluation.tests;
  return record;
}

export function addSpent(spent: Spent, record: AttemptRecord): void {
  spent.inputTokens += record.tokens.input;
  spent.outputTokens += record.tokens.output;
  spent.costMicros += record.costMicros;
}

/** The loop's result from its state and the reason it stopped. */
export function finish(
  state: LoopState,
  rendered: PromptRendered,
  withTests: boolean,
  stop: Stop,
  durationMs: number,
): GenerateResult {
  const { name, version, hash } = rendered.template;
  return {
    passed: stop.reason === 'passed',
    stopReason: stop.reason,
    stopDetail: stop.detail,
    template: { name, version, hash },
    withTests,
    files: state.files,
    attempts: state.attempts,
    totals: {
      attempts: state.attempts.length,
      inputTokens: state.spent.inputTokens,
      outputTokens: state.spent.outputTokens,
      costMicros: state.spent.costMicros,
      durationMs: Math.round(durationMs),
    },
  };
}
