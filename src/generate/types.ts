import type { GatesConfig } from '../config/gates-schema.js';
import type { GatewayResult } from '../gateway/call-result.js';
import type { ModelRequest } from '../gateway/types.js';
import type { ValidationInput } from '../gates/pipeline.js';
import type { GateSummary, ReportedFinding, ValidationReport } from '../gates/validation-report.js';
import type { SandboxOptions, SandboxResult } from '../sandbox/types.js';
import type { RenderRequest } from '../templates/render.js';

/** What `renderPrompt` takes (type-only: the loop depends on the shape, not the module). */
export type PromptRenderRequest = RenderRequest;

/** The part of `RenderedPrompt` (src/templates/render.ts) the loop reads. */
export interface PromptRendered {
  messages: { role: 'system' | 'user'; content: string }[];
  tokenCount: number;
  template: {
    name: string;
    version: string;
    hash: string;
    withTests: boolean;
    modelHints: Record<string, unknown>;
  };
}

export type PromptRenderer = (request: PromptRenderRequest) => Promise<PromptRendered>;

/** The gateway as the loop uses it (a `Gateway` fits). */
export interface ModelCaller {
  generate(request: ModelRequest, options?: { signal?: AbortSignal }): Promise<GatewayResult>;
}

/** The validator as the loop uses it (a `Validator` from createValidator fits). */
export interface CodeValidator {
  validate(input: ValidationInput, signal?: AbortSignal): Promise<ValidationReport>;
}

export type SandboxRunner = (options: SandboxOptions) => Promise<SandboxResult>;

export interface GenerateBudget {
  /** Input + output tokens over every attempt. */
  maxTokens?: number;
  /** Integer micro-dollars over every attempt. */
  maxCostMicros?: number;
}

export interface GenerateRequest {
  spec: string;
  template?: string;
  variables?: Record<string, unknown>;
  /** Model alias or id; default: the gateway's `generate` route. */
  model?: string;
  /** Project root: generated paths are relative to it and validated against it. */
  root: string;
  /** Where a single unnamed code block goes (root-relative or absolute inside root). */
  targetFile?: string;
  /**
   * Ask for structured output (JSON `{files: [{path, content}]}`) — set it when the
   * model supports JSON mode; fenced blocks are still accepted as a fallback.
   */
  structuredOutput?: boolean;
  /** Model calls at most (default 3). */
  maxAttempts?: number;
  budget?: GenerateBudget;
  /** Ask for tests and run them in the sandbox (also on when the template says so). */
  withTests?: boolean;
  /** Gate names to run (default: every gate enabled in config). */
  gates?: string[];
  /** Recorded with usage (`cli`, a key name, a service). */
  caller?: string;
  signal?: AbortSignal;
}

export interface GenerateDeps {
  gateway: ModelCaller;
  validator: CodeValidator;
  render: PromptRenderer;
  /** Runs `implementation + tests` jailed (runInSandbox from src/sandbox). */
  sandbox: SandboxRunner;
  gatesConfig: GatesConfig;
  /** Milliseconds clock for wall time (default performance.now). */
  now?: () => number;
}

/** One finding, flattened with its file; `blocking` says whether it failed the attempt. */
export interface GenerateFinding extends ReportedFinding {
  file: string;
  blocking: boolean;
}

export interface GeneratedFile {
  /** Root-relative posix path. */
  path: string;
  content: string;
}

export type AttemptVerdict = 'pass' | 'fail' | 'no-code';

export interface AttemptRecord {
  attempt: number;
  files: { path: string; bytes: number }[];
  findings: GenerateFinding[];
  gates: GateSummary[];
  verdict: AttemptVerdict;
  /** Sandbox verdict of the tests, when tests ran. */
  tests?: { verdict: SandboxResult['verdict']; durationMs: number; failedAssertions: number };
  tokens: { input: number; output: number };
  costMicros: number;
  /** Model call latency. */
  latencyMs: number;
  /** Validation (gates + tests) time. */
  validateMs: number;
  model: string;
  provider: string;
}

export type StopReason = 'passed' | 'max-attempts' | 'budget' | 'stuck' | 'no-code';

export interface GenerateResult {
  passed: boolean;
  stopReason: StopReason;
  /** One sentence on why the loop stopped. */
  stopDetail: string;
  template: { name: string; version: string; hash: string };
  withTests: boolean;
  /** Files of the last attempt that produced code (written only when passed or forced). */
  files: GeneratedFile[];
  attempts: AttemptRecord[];
  totals: {
    attempts: number;
    inputTokens: number;
    outputTokens: number;
    costMicros: number;
    /** Wall time of the whole loop. */
    durationMs: number;
  };
}

export type ProgressEvent =
  | { type: 'rendered'; template: string; tokens: number }
  | { type: 'calling-model'; attempt: number }
  | { type: 'validating'; attempt: number; files: string[] }
  | { type: 'running-tests'; attempt: number }
  | { type: 'attempt-done'; record: AttemptRecord }
  | { type: 'stopped'; reason: StopReason; detail: string };
