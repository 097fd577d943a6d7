import { ErrorCode, ShipgateError } from '../errors.js';
import { parseRetryAfterMs } from './retry-after.js';
import { isContextOverflow, parseUpstreamErrorBody } from './upstream-error.js';

export interface UpstreamStatus {
  status: number;
  headers: Record<string, string | undefined> | undefined;
  body: string | undefined;
  cause?: unknown;
  /** Used when the body carries no message. */
  fallbackDetail?: string;
}

/**
 * A non-2xx upstream answer → the ShipgateError the router acts on: context overflow
 * (fall back, don't retry), 429 (retry after Retry-After), 408/409/5xx (retry), other
 * 4xx (the caller's own mistake: stop). Shared by the AI SDK providers and the
 * server's byte pass-through, so both classify failures the same way.
 */
export function upstreamStatusError(answer: UpstreamStatus): ShipgateError {
  const { status } = answer;
  const info = parseUpstreamErrorBody(answer.body);
  const detail = info?.message || answer.fallbackDetail || `HTTP ${status}`;
  const base = {
    cause: answer.cause,
    upstreamStatus: status,
    details: info ? { upstream: info } : undefined,
  };
  if (isContextOverflow(status, info)) {
    return new ShipgateError(
      ErrorCode.ContextOverflow,
      `The prompt exceeds the model's context window: ${detail}`,
      base,
    );
  }
  const retryAfterMs = parseRetryAfterMs(answer.headers ?? {});
  if (status === 429) {
    return new ShipgateError(
      ErrorCode.UpstreamRateLimited,
      `Upstream rate limit (429): ${detail}`,
      { ...base, retryable: true, retryAfterMs },
    );
  }
  const retryable = status === 408 || status === 409 || status >= 500;
  return new ShipgateError(ErrorCode.UpstreamError, `Upstream answered ${status}: ${detail}`, {
    ...base,
    retryable,
    retryAfterMs: retryable ? retryAfterMs : undefined,
  });
}
