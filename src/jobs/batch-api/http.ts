/**
 * The batch backends' HTTP: JSON in, JSON or JSONL out, every answer parsed with a
 * minimal zod schema (CONVENTIONS habit 7); a non-2xx answer is the same
 * ShipgateError the providers raise (status-error.ts), so retries agree.
 */
import type { z } from 'zod';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { upstreamStatusError } from '../../providers/status-error.js';

export type Fetch = typeof fetch;

export interface HttpTarget {
  fetch: Fetch;
  headers: Record<string, string>;
}

function headersOf(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers.entries());
}

async function send(target: HttpTarget, url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await target.fetch(url, {
      ...init,
      headers: { ...target.headers, ...(init.headers as Record<string, string> | undefined) },
    });
  } catch (error) {
    if (init.signal?.aborted) throw init.signal.reason;
    throw new ShipgateError(ErrorCode.UpstreamError, `batch API request failed: ${url}`, {
      cause: error,
      retryable: true,
    });
  }
  if (!response.ok) {
    const body = await response.text().catch(() => undefined);
    throw upstreamStatusError({ status: response.status, headers: headersOf(response), body });
  }
  return response;
}

function badResponse(what: string, detail: string): ShipgateError {
  return new ShipgateError(
    ErrorCode.UpstreamBadResponse,
    `the batch API sent an unexpected ${what}: ${detail}`,
    { retryable: true },
  );
}

/** Parses untrusted JSON text with `schema`; the one place this module parses JSON. */
export function parseJson<T>(schema: z.ZodType<T>, text: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw badResponse(what, 'not JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badResponse(what, parsed.error.issues[0]?.message ?? 'invalid');
  return parsed.data;
}

export async function requestJson<T>(
  target: HttpTarget,
  schema: z.ZodType<T>,
  url: string,
  init: RequestInit = {},
): Promise<T> {
  const response = await send(target, url, init);
  return parseJson(schema, await response.text(), `answer from ${new URL(url).pathname}`);
}

/** A JSONL body, one parsed value per non-empty line. */
export async function requestJsonl<T>(
  target: HttpTarget,
  schema: z.ZodType<T>,
  url: string,
  signal?: AbortSignal,
): Promise<T[]> {
  const response = await send(target, url, { method: 'GET', signal });
  const lines = (await response.text()).split('\n').filter((line) => line.trim() !== '');
  return lines.map((line) => parseJson(schema, line, 'result line'));
}

export function postJson(body: unknown, signal?: AbortSignal): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  };
}
