/**
 * The gateway's own request/response types: small, plain and provider-neutral.
 * Providers translate these to their wire format (through the AI SDK).
 */
export const taskClasses = ['complete', 'generate', 'review', 'chat'] as const;
export type TaskClass = (typeof taskClasses)[number];

export const providerKinds = ['openai', 'anthropic', 'openai-compatible', 'embedded'] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const capabilities = ['chat', 'fim', 'tools', 'json'] as const;
export type Capability = (typeof capabilities)[number];

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ModelRequest {
  messages: ChatMessage[];
  /** An alias or a raw model id; when absent the task's model list is used. */
  model?: string;
  task: TaskClass;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  seed?: number;
  responseFormat?: 'text' | 'json';
  /** Explicit cache opt-in for non-deterministic requests; `false` bypasses the cache. */
  cache?: boolean;
  /** Who asked: a key name, `cli`, a service name. Recorded with usage. */
  caller?: string;
  /**
   * Files put into the prompt and their repositories, for the egress policy
   * (src/policy/egress-step.ts; issue 15). Services set it; headers add to it.
   */
  egress?: { paths?: string[]; repos?: string[] };
}

/** Token usage as the upstream reported it (or, flagged `estimated`, as we counted it). */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (a subset of inputTokens). */
  cachedInputTokens: number;
  estimated: boolean;
}

/** Integer micro-dollars per 1M tokens (i.e. dollars per token ×1e6 ×1e6 / 1e6). */
export interface ModelPrice {
  inputPerMTokMicros: number;
  outputPerMTokMicros: number;
  cachedInputPerMTokMicros: number;
}

/** A resolved model: what the registry knows about one alias. */
export interface ModelSpec {
  alias: string;
  provider: string;
  modelId: string;
  contextWindow: number;
  capabilities: Capability[];
  price: ModelPrice | null;
  /** Self-hosted models may carry an hourly cost instead (break-even analysis). */
  costPerHourMicros: number | null;
}

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; finishReason: FinishReason };

export interface GenerateOutput {
  text: string;
  usage: Usage | null;
  finishReason: FinishReason;
}

export interface ProviderCall {
  request: ModelRequest;
  model: ModelSpec;
  signal: AbortSignal;
}

/**
 * A provider (CONVENTIONS.md habit 1): one file, one factory. It makes exactly one
 * upstream attempt per call: retries, fallbacks and deadlines belong to the router.
 * Errors are ShipgateErrors with `isRetryable` set from the upstream status.
 */
export interface Provider {
  readonly name: string;
  readonly kind: ProviderKind;
  generate(call: ProviderCall): Promise<GenerateOutput>;
  /** Yields text deltas, then usage when the upstream sends it, then finish. */
  stream(call: ProviderCall): AsyncIterable<StreamEvent>;
}
