/**
 * Turns anything a provider call throws (AI SDK errors, fetch/undici errors, stream
 * error parts, aborts) into a ShipgateError with the right code and retryability.
 * Decisions come from error classes, status codes, error codes and the upstream's
 * parsed error body, never from our own error messages.
 */
import { upstreamStatusError } from './status-error.js';
import {
  APICallError,
  EmptyResponseBodyError,
  InvalidPromptError,
  InvalidResponseDataError,
  JSONParseError,
  LoadAPIKeyError,
  NoContentGeneratedError,
  TypeValidationError,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import { ErrorCode, isShipgateError, ShipgateError, toShipgateError } from '../errors.js';
import type { CallSignal } from '../lib/light-abort.js';
import { upstreamErrorSchema } from './upstream-error.js';

/** Network failure codes (Node, undici) that mean "the connection broke": retry. */
const networkCodes: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  while (current !== undefined && current !== null && !chain.includes(current)) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

function networkCode(error: unknown): string | undefined {
  for (const link of causeChain(error)) {
    const code = link instanceof Error ? (link as Error & { code?: unknown }).code : undefined;
    if (typeof code === 'string' && networkCodes.has(code)) return code;
  }
  return undefined;
}

function isNamed(error: unknown, name: string): boolean {
  return (error instanceof Error || error instanceof DOMException) && error.name === name;
}

function fromAbort(reason: unknown, cause: unknown): ShipgateError {
  if (isShipgateError(reason)) return reason;
  if (isNamed(reason, 'TimeoutError')) {
    return new ShipgateError(ErrorCode.UpstreamTimeout, 'The upstream call timed out.', {
      cause,
      retryable: true,
    });
  }
  return new ShipgateError(ErrorCode.Aborted, 'The request was cancelled.', { cause });
}

/** The upstream's origin, when the error knows which URL it was calling. */
function originOf(error: unknown): string | undefined {
  if (!APICallError.isInstance(error)) return undefined;
  try {
    return new URL(error.url).origin;
  } catch {
    return undefined;
  }
}

function network(error: unknown, code: string | undefined): ShipgateError {
  const origin = originOf(error);
  const where = origin ? ` to ${origin}` : '';
  const reason = code ?? (error instanceof Error ? error.message : 'network error');
  return new ShipgateError(
    ErrorCode.UpstreamError,
    `Upstream connection failed${where} (${reason}); check the provider's base URL and that the server is up.`,
    {
      cause: error,
      retryable: true,
      details: code ? { networkCode: code } : undefined,
    },
  );
}

/** The body of a 2xx answer we could not read: metering counts it (the upstream billed it). */
function receivedBody(error: unknown): string | undefined {
  if (APICallError.isInstance(error) && typeof error.responseBody === 'string')
    return error.responseBody;
  if (JSONParseError.isInstance(error)) return error.text;
  // a body cut mid-transfer (sse-guard's recordingBody), as the SDK wraps it
  const cause = (error as { cause?: unknown } | null)?.cause;
  const received = isShipgateError(cause) ? cause.details?.received : undefined;
  return typeof received === 'string' ? received : undefined;
}

function badResponse(error: unknown): ShipgateError {
  const received = receivedBody(error);
  return new ShipgateError(
    ErrorCode.UpstreamBadResponse,
    'The upstream sent a response we could not read.',
    {
      cause: error,
      retryable: true,
      details: received === undefined ? undefined : { received },
    },
  );
}

function fromStatus(error: APICallError, status: number): ShipgateError {
  return upstreamStatusError({
    status,
    headers: error.responseHeaders,
    body: error.responseBody,
    cause: error,
    fallbackDetail: error.message,
  });
}

function fromApiCallError(error: APICallError): ShipgateError {
  const status = error.statusCode;
  const code = networkCode(error);
  if (code) return network(error, code);
  if (status === undefined) return network(error, undefined);
  if (status >= 200 && status < 300) return badResponse(error);
  return fromStatus(error, status);
}

/** An `error` part inside a stream: the upstream's error object ({type, message, code}). */
function fromStreamErrorObject(error: unknown): ShipgateError | undefined {
  if (error instanceof Error) return undefined;
  const parsed = upstreamErrorSchema.safeParse(error);
  if (!parsed.success || (parsed.data.type == null && parsed.data.code == null)) return undefined;
  const info = parsed.data;
  if (info.type === 'rate_limit_error' || info.code === 'rate_limit_exceeded') {
    return new ShipgateError(
      ErrorCode.UpstreamRateLimited,
      `Upstream rate limit: ${info.message}`,
      {
        cause: error,
        retryable: true,
      },
    );
  }
  const invalid = info.type === 'invalid_request_error';
  return new ShipgateError(ErrorCode.UpstreamError, `Upstream error mid-stream: ${info.message}`, {
    cause: error,
    retryable: !invalid,
    upstreamStatus: info.type === 'overloaded_error' ? 529 : undefined,
    details: { upstream: info },
  });
}

function isUnreadable(error: unknown): boolean {
  return (
    JSONParseError.isInstance(error) ||
    TypeValidationError.isInstance(error) ||
    NoContentGeneratedError.isInstance(error) ||
    EmptyResponseBodyError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error)
  );
}

function fromSdkClass(error: unknown): ShipgateError | undefined {
  if (APICallError.isInstance(error)) return fromApiCallError(error);
  if (isUnreadable(error)) return badResponse(error);
  if (LoadAPIKeyError.isInstance(error)) {
    return new ShipgateError(ErrorCode.ConfigInvalid, 'The provider has no API key configured.', {
      cause: error,
    });
  }
  if (InvalidPromptError.isInstance(error) || UnsupportedFunctionalityError.isInstance(error)) {
    return new ShipgateError(ErrorCode.BadRequest, 'The provider cannot accept this request.', {
      cause: error,
    });
  }
  return undefined;
}

/**
 * Maps a provider-call failure to a ShipgateError. Pass the call's signal: once it
 * is aborted, whatever the SDK threw is reported as the abort (or its reason).
 */
export function toProviderError(error: unknown, signal?: CallSignal): ShipgateError {
  const own = causeChain(error).find(isShipgateError);
  if (own) return own;
  if (signal?.aborted) return fromAbort(signal.reason, error);
  if (isNamed(error, 'AbortError') || isNamed(error, 'TimeoutError'))
    return fromAbort(error, error);
  const mapped = fromSdkClass(error);
  if (mapped) return mapped;
  const code = networkCode(error);
  if (code) return network(error, code);
  return fromStreamErrorObject(error) ?? toShipgateError(error);
}
