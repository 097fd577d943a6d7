/**
 * Faults that happen before any reply is written: auth, delay, hang, error status,
 * context overflow. Shared by both fakes; each passes its own error shapes.
 */
import type { ServerResponse } from 'node:http';
import { sendJson, type Exchange } from './server-core.js';
import { sleep, untilClosed } from './stream-player.js';
import type { Step } from './types.js';

export interface ErrorShapes {
  /** Error body for an HTTP status (the provider's own shape). */
  forStatus(status: number): Record<string, unknown>;
  contextOverflow: Record<string, unknown>;
  unauthorized: Record<string, unknown>;
}

function authorized(exchange: Exchange, apiKey: string | undefined): boolean {
  if (apiKey === undefined) return true;
  const { authorization, 'x-api-key': xApiKey } = exchange.req.headers;
  return authorization === `Bearer ${apiKey}` || xApiKey === apiKey;
}

async function sendStatus(res: ServerResponse, step: Step, shapes: ErrorShapes, status: number) {
  const headers: Record<string, string> = {};
  if (step.retryAfter !== undefined) headers['retry-after'] = String(step.retryAfter);
  await sendJson(res, status, shapes.forStatus(status), headers);
}

/** Returns true when the request was answered (or abandoned) here. */
export async function preflight(
  exchange: Exchange,
  step: Step,
  shapes: ErrorShapes,
  apiKey: string | undefined,
): Promise<boolean> {
  const { res } = exchange;
  if (!authorized(exchange, apiKey)) {
    await sendJson(res, 401, shapes.unauthorized);
    return true;
  }
  if (step.delayMs) await sleep(step.delayMs);
  if (step.replay) {
    res.writeHead(step.replay.status, { 'content-type': step.replay.contentType });
    res.end(step.replay.body);
    return true;
  }
  if (step.hang) {
    await untilClosed(res);
    return true;
  }
  if (step.contextOverflow) {
    await sendJson(res, 400, shapes.contextOverflow);
    return true;
  }
  if (step.status !== undefined && step.status >= 400) {
    await sendStatus(res, step, shapes, step.status);
    return true;
  }
  return false;
}

/** Writes the headers and half of a JSON body, then destroys the socket. */
export function resetJson(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write(body.slice(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

/** Sends a JSON body and records its usage in the ledger once flushed. */
export function sendBilledJson(
  exchange: Exchange,
  body: unknown,
  billed: Exchange['ledger'][number] | undefined,
  produced: Exchange['ledger'][number],
): Promise<void> {
  return sendJson(exchange.res, 200, body).then(() => {
    if (billed) exchange.ledger.push(billed);
    exchange.produced.push(produced);
  });
}
