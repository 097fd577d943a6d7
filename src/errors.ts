/**
 * One error type for the whole codebase (CONVENTIONS.md habit 4): a closed set of
 * codes, a retryable flag and a cause. HTTP status and CLI exit codes are decided
 * at the edges from `code`, never from message text.
 */
export const ErrorCode = {
  BadRequest: 'bad_request',
  ConfigInvalid: 'config_invalid',
  NotFound: 'not_found',
  ModelNotFound: 'model_not_found',
  NoProvider: 'no_provider',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  RequestTimeout: 'request_timeout',
  RateLimited: 'rate_limited',
  BudgetExceeded: 'budget_exceeded',
  UpstreamError: 'upstream_error',
  UpstreamTimeout: 'upstream_timeout',
  UpstreamRateLimited: 'upstream_rate_limited',
  UpstreamBadResponse: 'upstream_bad_response',
  ContextOverflow: 'context_overflow',
  CircuitOpen: 'circuit_open',
  DeadlineExceeded: 'deadline_exceeded',
  Aborted: 'aborted',
  AllAttemptsFailed: 'all_attempts_failed',
  StoreUnavailable: 'store_unavailable',
  GateFailed: 'gate_failed',
  TaskFailed: 'task_failed',
  /** The resource is busy with another request (an Idempotency-Key still in progress). */
  Conflict: 'conflict',
  /** Well-formed but not processable (an Idempotency-Key reused with another body). */
  Unprocessable: 'unprocessable',
  Internal: 'internal',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ShipgateErrorOptions {
  cause?: unknown;
  retryable?: boolean;
  /** Milliseconds the upstream asked us to wait (Retry-After), when it said. */
  retryAfterMs?: number;
  /** HTTP status the upstream answered with, when there was one. */
  upstreamStatus?: number;
  details?: Record<string, unknown>;
}

export class ShipgateError extends Error {
  readonly code: ErrorCode;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly upstreamStatus: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: ShipgateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ShipgateError';
    this.code = code;
    this.isRetryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.upstreamStatus = options.upstreamStatus;
    this.details = options.details;
  }
}

export function isShipgateError(value: unknown): value is ShipgateError {
  return value instanceof ShipgateError;
}

/** Turns anything thrown into a ShipgateError; call it at every boundary. */
export function toShipgateError(value: unknown): ShipgateError {
  if (value instanceof ShipgateError) return value;
  if (value instanceof Error && value.name === 'AbortError') {
    return new ShipgateError(ErrorCode.Aborted, 'The request was cancelled.', { cause: value });
  }
  const message = value instanceof Error ? value.message : String(value);
  return new ShipgateError(ErrorCode.Internal, message, { cause: value });
}

/** CLI exit codes from DESIGN.md: 0 ok, 1 gates/task failed, 2 usage or configuration. */
export const ExitCode = { Ok: 0, Failed: 1, Usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const usageCodes: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.BadRequest,
  ErrorCode.ConfigInvalid,
  ErrorCode.NotFound,
  ErrorCode.ModelNotFound,
  ErrorCode.NoProvider,
]);

export function exitCodeFor(error: ShipgateError): ExitCode {
  return usageCodes.has(error.code) ? ExitCode.Usage : ExitCode.Failed;
}
