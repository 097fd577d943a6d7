import { structuredOutputInstruction } from './structured-output.js';
import { relative, resolve } from 'node:path';
import { ErrorCode, isShipgateError, ShipgateError } from '../errors.js';
import type { GatewayResult } from '../gateway/call-result.js';
import { defaultTokenBudget } from '../templates/render.js';
import type { ChatMessage } from '../gateway/types.js';
import { budgetStop, outputAllowance, roughTokens } from './budget.js';
import { evaluateAnswer, type Evaluation } from './evaluate.js';
import { addSpent, finish, recordOf, type LoopState, type Stop } from './loop-state.js';
import { sameFindings } from './findings.js';
import { insideRoot } from './parse-output.js';
import { noCodeMessage, repairMessage, testsInstruction } from './repair-prompt.js';
import type {
  AttemptRecord,
  GenerateDeps,
  GenerateRequest,
  GenerateResult,
  ProgressEvent,
  PromptRendered,
} from './types.js';

export const defaultMaxAttempts = 3;
/** Share of a token budget the first prompt (template + context) may take; the rest is for answers and repairs. */
export const promptShareOfBudget = 0.5;
export const defaultTemperature = 0.2;

function checkRequest(request: GenerateRequest, root: string): string | undefined {
  if (!request.spec.trim())
    throw new ShipgateError(ErrorCode.BadRequest, 'the spec is empty: say what code to generate');
  const max = request.maxAttempts ?? defaultMaxAttempts;
  if (!Number.isInteger(max) || max < 1 || max > 20)
    throw new ShipgateError(
      ErrorCode.BadRequest,
      'maxAttempts must be a whole number from 1 to 20',
    );
  if (request.targetFile === undefined) return undefined;
  const target = insideRoot(root, request.targetFile);
  if (target === null)
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `the target file ${request.targetFile} is outside the project root ${root}; pick a path inside it (or set --root)`,
    );
  return target;
}

/** The renderer fills its budget with context: give it part of ours, never more than its default. */
function promptBudget(maxTokens: number | undefined): number | undefined {
  if (maxTokens === undefined) return undefined;
  return Math.max(1, Math.min(defaultTokenBudget, Math.floor(maxTokens * promptShareOfBudget)));
}

function numberHint(hints: Record<string, unknown>, key: string): number | undefined {
  const value = hints[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function initialMessages(
  rendered: PromptRendered,
  addTests: string | null,
  structured: boolean,
): ChatMessage[] {
  const messages: ChatMessage[] = rendered.messages.map((m) => ({ ...m }));
  const last = messages.at(-1);
  if (addTests !== null && last) last.content += addTests;
  if (structured && last) last.content += `\n\n${structuredOutputInstruction}`;
  return messages;
}

/** What follows a failed attempt: a stop, or the repair message to send. */
function nextStep(state: LoopState, evaluation: Evaluation): Stop | { repair: string } {
  if (evaluation.verdict === 'no-code') {
    if (state.noCodeOnce)
      return { reason: 'no-code', detail: 'the model answered twice without any code' };
    state.noCodeOnce = true;
    return { repair: noCodeMessage() };
  }
  const previous = state.attempts.at(-2);
  if (
    previous &&
    previous.verdict === 'fail' &&
    sameFindings(previous.findings, evaluation.findings)
  )
    return {
      reason: 'stuck',
      detail: `attempt ${state.attempts.length} repeated the findings of attempt ${previous.attempt}; another attempt is unlikely to help`,
    };
  return { repair: repairMessage(evaluation.findings, evaluation.files) };
}

interface Run {
  request: GenerateRequest;
  deps: GenerateDeps;
  setup: Setup;
  state: LoopState;
  onProgress: (event: ProgressEvent) => void;
  now: () => number;
  /** Input tokens the next call is expected to send (for the output allowance). */
  pendingInput: number;
}

interface Setup {
  root: string;
  targetFile?: string;
  withTests: boolean;
  rendered: PromptRendered;
}

/**
 * The generate service: render the prompt → call the model → parse files → validate
 * them all in memory (gates, and tests in the sandbox) → feed the blocking findings
 * back → regenerate, until the code passes or a stop applies: attempts exhausted,
 * budget exhausted, stuck (the same findings twice in a row) or no code (twice).
 * Never writes files: see `writeGeneratedFiles`.
 */
export async function generateCode(
  request: GenerateRequest,
  deps: GenerateDeps,
  onProgress: (event: ProgressEvent) => void = () => {},
): Promise<GenerateResult> {
  const now = deps.now ?? (() => performance.now());
  const started = now();
  const root = resolve(request.root);
  const targetFile = checkRequest(request, root);
  const budget = request.budget ?? {};
  const rendered = await deps.render({
    root,
    spec: request.spec,
    template: request.template,
    variables: request.variables,
    targetFile,
    tokenBudget: promptBudget(budget.maxTokens),
  });
  onProgress({ type: 'rendered', template: rendered.template.name, tokens: rendered.tokenCount });
  if (budget.maxTokens !== undefined && rendered.tokenCount >= budget.maxTokens)
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `the prompt is ${rendered.tokenCount} tokens, over the token budget of ${budget.maxTokens}: shorten the spec or raise the budget`,
    );
  const withTests = request.withTests === true || rendered.template.withTests;
  const addTests = withTests && !rendered.template.withTests ? testsInstruction(targetFile) : null;
  const state: LoopState = {
    messages: initialMessages(rendered, addTests, request.structuredOutput === true),
    attempts: [],
    files: [],
    spent: { inputTokens: 0, outputTokens: 0, costMicros: 0 },
    noCodeOnce: false,
  };
  const setup = { root, targetFile, withTests, rendered };
  const run: Run = {
    request,
    deps,
    setup,
    state,
    onProgress,
    now,
    pendingInput: rendered.tokenCount,
  };
  const stop = await iterate(run);
  onProgress({ type: 'stopped', reason: stop.reason, detail: stop.detail });
  return finish(state, rendered, withTests, stop, now() - started);
}

async function callModel(run: Run, n: number): Promise<GatewayResult | Stop> {
  const { request, state } = run;
  const hints = run.setup.rendered.template.modelHints;
  run.onProgress({ type: 'calling-model', attempt: n });
  try {
    return await run.deps.gateway.generate(
      {
        task: 'generate',
        messages: state.messages.map((m) => ({ ...m })),
        model: request.model,
        temperature: numberHint(hints, 'temperature') ?? defaultTemperature,
        maxOutputTokens:
          outputAllowance(request.budget ?? {}, state.spent, run.pendingInput) ??
          numberHint(hints, 'maxOutputTokens'),
        caller: request.caller,
        // issue 15: the file the prompt is about, for the egress policy
        ...(run.setup.targetFile
          ? {
              egress: {
                paths: [relative(run.setup.root, resolve(run.setup.root, run.setup.targetFile))],
              },
            }
          : {}),
        ...(request.structuredOutput ? { responseFormat: 'json' as const } : {}),
      },
      { signal: request.signal },
    );
  } catch (error) {
    // The gateway's own budget (per key, per period) ends the loop like ours does.
    if (isShipgateError(error) && error.code === ErrorCode.BudgetExceeded && n > 1)
      return { reason: 'budget', detail: error.message };
    throw error;
  }
}

async function attempt(
  run: Run,
  n: number,
  reply: GatewayResult,
): Promise<Stop | { repair: string }> {
  const { state } = run;
  const validateStarted = run.now();
  const evaluation = await evaluateAnswer(reply.text, {
    deps: run.deps,
    ...run.setup,
    gates: run.request.gates,
    signal: run.request.signal,
    attempt: n,
    onProgress: run.onProgress,
  });
  const record = recordOf(n, reply, evaluation, run.now() - validateStarted);
  state.attempts.push(record);
  addSpent(state.spent, record);
  if (evaluation.files.length > 0) state.files = evaluation.files;
  run.onProgress({ type: 'attempt-done', record });
  if (evaluation.verdict === 'pass')
    return { reason: 'passed', detail: `passed every gate on attempt ${n}` };
  return nextStep(state, evaluation);
}

async function iterate(run: Run): Promise<Stop> {
  const maxAttempts = run.request.maxAttempts ?? defaultMaxAttempts;
  for (let n = 1; n <= maxAttempts; n++) {
    const reply = await callModel(run, n);
    if ('reason' in reply) return reply;
    const step = await attempt(run, n, reply);
    if ('reason' in step) return step;
    if (n === maxAttempts) break;
    const record = run.state.attempts[n - 1] as AttemptRecord;
    const addedText = reply.text + step.repair;
    const over = budgetStop(run.request.budget ?? {}, run.state.spent, {
      lastInputTokens: record.tokens.input,
      lastCostMicros: record.costMicros,
      addedText,
    });
    if (over) return { reason: 'budget', detail: over };
    run.pendingInput = record.tokens.input + roughTokens(addedText);
    run.state.messages.push({ role: 'assistant', content: reply.text });
    run.state.messages.push({ role: 'user', content: step.repair });
  }
  return { reason: 'max-attempts', detail: `did not pass in ${maxAttempts} attempt(s)` };
}
