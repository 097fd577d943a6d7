/**
 * What the LSP server asks for completions: the service in-process (default), or
 * a running shipgate server over HTTP (`shipgate lsp --server URL`).
 */
import { z } from 'zod';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { CompleteService } from '../complete-service.js';
import {
  completeResultSchema,
  type CompleteRequest,
  type CompleteResult,
  type FeedbackRequest,
} from '../types.js';

export interface CompletionClient {
  complete(request: CompleteRequest, signal: AbortSignal): Promise<CompleteResult>;
  feedback(request: FeedbackRequest): Promise<void>;
}

export function inProcessClient(service: CompleteService, caller = 'lsp'): CompletionClient {
  return {
    complete: (request, signal) => service.complete(request, { signal, caller }),
    feedback: (request) => service.feedback(request),
  };
}

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

async function failure(res: Response): Promise<ShipgateError> {
  const parsed = errorSchema.safeParse(await res.json().catch(() => null));
  const message = parsed.success ? parsed.data.error.message : `HTTP ${res.status}`;
  return new ShipgateError(ErrorCode.UpstreamError, `shipgate server: ${message}`);
}

/** POSTs /api/complete and /api/feedback to a shipgate server with an optional API key. */
export function httpClient(baseUrl: string, apiKey?: string): CompletionClient {
  const base = baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
  };
  const post = (path: string, body: unknown, signal?: AbortSignal) =>
    fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body), signal });
  return {
    async complete(request, signal) {
      const res = await post('/api/complete', request, signal);
      if (!res.ok) throw await failure(res);
      return completeResultSchema.parse(await res.json());
    },
    async feedback(request) {
      const res = await post('/api/feedback', request);
      if (!res.ok) throw await failure(res);
    },
  };
}
