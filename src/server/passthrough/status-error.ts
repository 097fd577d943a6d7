import { ErrorCode, ShipgateError } from '../../errors.js';
import { parseRetryAfterMs } from '../../providers/retry-after.js';
import { isContextOverflow, parseUpstreamErrorBody } from '../../providers/upstream-error.js';

type Headers = Record<string, string | string[] | undefined>;

function flat(headers: Headers): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = Array.isArray(v) ? v[0] : v;
  return out;
}

/** A non-2xx upstream answer → a ShipgateError the router can retry or fall back on. */
export function upstreamStatusError(status: number, headers: Headers, body: string): ShipgateError {
  const info = parseUpstreamErrorBody(body);
  const detail = info?.message || `HTTP ${status}`;
  const base = { upstreamStatus: status, details: info ? { upstream: info } : undefined };
  if (isContextOverflow(status, info)) {
    return new ShipgateError(
      ErrorCode.ContextOverflow,
      `The prompt exceeds the model's context window: ${detail}`,
      base,
    );
  }
  const retryAfterMs = parseRetryAfterMs(flat(headers));
  if (status === 429) {
    return new ShipgateError(
      ErrorCode.UpstreamRateLimited,
      `Upstream rate limit (429): ${detail}`,
      {
        ...base,
        retryable: true,
        retryAfterMs,
      },
    );
  }
  const retryable = status === 408 || status === 409 || status >= 500;
  return new ShipgateError(ErrorCode.UpstreamError, `Upstream answered ${status}: ${detail}`, {
    ...base,
    retryable,
    retryAfterMs: retryable ? retryAfterMs : undefined,
  });
}
