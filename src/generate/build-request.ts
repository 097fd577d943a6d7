/**
 * One request builder for `shipgate generate` and `POST /api/generate` (and its
 * async job): the caller's options first, then the `generate.*` config
 * (maxAttempts, maxCostUsd, maxTokens, gates, withTests), the same way for both.
 */
import { ErrorCode, ShipgateError } from '../errors.js';
import type { ModelCaller, GenerateRequest } from './types.js';
import type { GatewayResult } from '../gateway/call-result.js';
import type { ModelRequest } from '../gateway/types.js';

/** The `generate` config section (src/config/schema.ts). */
export interface GenerateSettings {
  maxAttempts: number;
  maxCostUsd?: number;
  maxTokens?: number;
  gates?: string[];
  withTests: boolean;
}

/** What a caller may ask for; everything but the spec falls back to config. */
export interface GenerateOptions {
  spec: string;
  template?: string;
  variables?: Record<string, unknown>;
  model?: string;
  targetFile?: string;
  maxAttempts?: number;
  maxCostUsd?: number;
  maxTokens?: number;
  withTests?: boolean;
  gates?: string[];
}

export interface GenerateContext {
  root: string;
  caller: string;
  signal?: AbortSignal;
}

export function buildGenerateRequest(
  settings: GenerateSettings,
  options: GenerateOptions,
  context: GenerateContext,
): GenerateRequest {
  if (!options.spec.trim())
    throw new ShipgateError(ErrorCode.BadRequest, 'the spec is empty: say what code to generate');
  const maxCostUsd = options.maxCostUsd ?? settings.maxCostUsd;
  return {
    spec: options.spec,
    template: options.template,
    variables: options.variables,
    model: options.model,
    root: context.root,
    targetFile: options.targetFile,
    maxAttempts: options.maxAttempts ?? settings.maxAttempts,
    budget: {
      maxTokens: options.maxTokens ?? settings.maxTokens,
      maxCostMicros: maxCostUsd === undefined ? undefined : Math.round(maxCostUsd * 1_000_000),
    },
    withTests: options.withTests ?? settings.withTests,
    gates: options.gates ?? settings.gates,
    caller: context.caller,
    signal: context.signal,
  };
}

export interface CallHooks {
  /** Runs before every model call (rate limits, budgets); throwing stops the loop. */
  before?(request: ModelRequest): void | Promise<void>;
  /** Runs after every model call with its metered result. */
  after?(result: GatewayResult): void;
}

/** The gateway with per-call hooks: the budget is checked before each model call, not once. */
export function withCallHooks(gateway: ModelCaller, hooks: CallHooks): ModelCaller {
  return {
    async generate(request, options) {
      await hooks.before?.(request);
      const result = await gateway.generate(request, options);
      hooks.after?.(result);
      return result;
    },
  };
}
