import { ErrorCode, type ShipgateError } from '../../errors.js';

/** ShipgateError code → HTTP status. The only place the server decides a status. */
const statusByCode: Record<ErrorCode, number> = {
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.ConfigInvalid]: 500,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.ModelNotFound]: 404,
  [ErrorCode.NoProvider]: 503,
  [ErrorCode.Unauthorized]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.RequestTimeout]: 408,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.BudgetExceeded]: 429,
  [ErrorCode.UpstreamError]: 502,
  [ErrorCode.UpstreamTimeout]: 504,
  [ErrorCode.UpstreamRateLimited]: 429,
  [ErrorCode.UpstreamBadResponse]: 502,
  [ErrorCode.ContextOverflow]: 400,
  [ErrorCode.CircuitOpen]: 503,
  [ErrorCode.DeadlineExceeded]: 504,
  [ErrorCode.Aborted]: 499,
  [ErrorCode.AllAttemptsFailed]: 502,
  [ErrorCode.StoreUnavailable]: 503,
  [ErrorCode.GateFailed]: 422,
  [ErrorCode.TaskFailed]: 500,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Unprocessable]: 422,
  [ErrorCode.Internal]: 500,
};

/**
 * The status for an error. An upstream that rejected the request itself (a 4xx
 * other than auth/rate-limit problems, which are ours) is the client's fault: its
 * status is passed through rather than turned into a 502.
 */
export function statusFor(error: ShipgateError): number {
  const upstream = error.upstreamStatus;
  if (
    error.code === ErrorCode.UpstreamError &&
    upstream !== undefined &&
    upstream >= 400 &&
    upstream < 500 &&
    ![401, 403, 407, 408, 429].includes(upstream)
  ) {
    return upstream;
  }
  return statusByCode[error.code];
}

/** OpenAI/Anthropic SDKs read `error.type`; we send a matching one next to `code`. */
export function wireTypeFor(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status < 500) return 'invalid_request_error';
  if (status === 503) return 'overloaded_error';
  return 'api_error';
}
