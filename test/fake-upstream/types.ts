/**
 * Types shared by the fake upstream servers (OpenAI and Anthropic wire formats).
 * A `Step` scripts one request: what to reply and which fault to inject.
 */
export interface Step {
  /** Reply text; default: derived from the request (see `FakeOptions.reply`). */
  reply?: string;
  /** Input tokens to report; default: whitespace tokens of the prompt. */
  inputTokens?: number;
  /** Output tokens to report; default: number of reply chunks. */
  outputTokens?: number;
  /** Cached input tokens to report (a subset of input tokens); default 0. */
  cachedTokens?: number;
  /** Answer with this HTTP error status in the provider's error shape. */
  status?: number;
  /** With status 429: sets `Retry-After` (seconds). */
  retryAfter?: number;
  /** Never answer; the socket stays open until the client goes away. */
  hang?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Wait this long between stream chunks. */
  chunkDelayMs?: number;
  /** Destroy the socket after N text chunks, or right after the usage chunk/event. */
  resetMidStream?: number | 'after-usage';
  /** Stop writing (socket open) after N text chunks; for cancellation tests. */
  stallAfterChunks?: number;
  /** A 200 with a body (or one SSE chunk) that is not valid JSON. */
  malformedJson?: boolean;
  /** End the stream cleanly without the terminator ([DONE] / message_stop). */
  truncatedSse?: true | { afterTextChunks: number };
  /** Send no usage at all (JSON or stream). */
  omitUsage?: boolean;
  /** 400 context-window error in the provider's own shape. */
  contextOverflow?: boolean;
  /** Send an in-stream error event after N text chunks. */
  midStreamError?: number;
  /** Send this recorded response verbatim (see `replayFixture`). No ledger entry. */
  replay?: { status: number; contentType: string; body: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or undefined for bodiless requests. */
  body: unknown;
}

export type WireApi = 'openai-chat' | 'openai-completions' | 'anthropic-messages';

/** One usage report the server delivered in full to the client (what the upstream billed). */
export interface BilledUsage {
  api: WireApi;
  model: string;
  /** Total prompt tokens, cached included. */
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
}

/** What the reply function sees of a request. */
export interface ReplyContext {
  api: WireApi;
  model: string;
  /** All prompt text (system + messages, or the legacy prompt). */
  promptText: string;
  /** The last user message, or the legacy prompt. */
  lastUserText: string;
  stream: boolean;
}

export interface FakeOptions {
  /** Default reply text when a step does not give one; default `Echo: <last user text>`. */
  reply?: (ctx: ReplyContext) => string;
  /** Default cached tokens per reply. */
  cachedTokens?: number;
  /** Require this API key (Bearer / x-api-key); 401 otherwise. */
  apiKey?: string;
}

export interface FakeUpstream {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + `/v1` */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Usage reports delivered in full to the client (what the upstream billed and said so). */
  ledger: BilledUsage[];
  /**
   * What the upstream produced per answered (2xx) request, whether or not its usage
   * report got through: the input, plus the output it wrote — the text chunks sent
   * before a cut, or the whole reply of a body written in full (malformed or not).
   * A JSON body cut in half counts nothing: no client could read any of it.
   */
  produced: BilledUsage[];
  /** Queue steps, consumed one per model request in order; then default OK. */
  script(...steps: Step[]): void;
  /** Sockets closed so far (by either side). */
  readonly closedConnections: number;
  /** Model requests whose response was cut before it finished (client went away or reset). */
  readonly abortedRequests: number;
  /** Resolves when `check()` holds; rejects after `timeoutMs`. */
  waitUntil(check: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}
