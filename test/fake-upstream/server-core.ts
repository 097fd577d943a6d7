/**
 * The generic part of a fake upstream: a real node:http server on 127.0.0.1:0 that
 * records requests, hands out scripted steps in order and tracks closed sockets.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { BilledUsage, FakeUpstream, RecordedRequest, Step } from './types.js';

export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  body: unknown;
  /** Takes the next scripted step (call once per model request); `{}` when none. */
  takeStep(): Step;
  ledger: BilledUsage[];
  produced: BilledUsage[];
}

export type Route = (exchange: Exchange) => Promise<void>;

/** Routes keyed `"METHOD /path"`. */
export type Routes = Record<string, Route>;

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<void> {
  return new Promise((resolve) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body), () => resolve());
  });
}

interface Counters {
  closedConnections: number;
  abortedRequests: number;
}

function trackResponse(res: ServerResponse, counters: Counters): void {
  res.on('close', () => {
    if (!res.writableFinished) counters.abortedRequests += 1;
  });
}

async function handle(
  routes: Routes,
  state: { req: IncomingMessage; res: ServerResponse },
  shared: {
    requests: RecordedRequest[];
    queue: Step[];
    ledger: BilledUsage[];
    produced: BilledUsage[];
    counters: Counters;
  },
): Promise<void> {
  const { req, res } = state;
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const body = await readBody(req);
  shared.requests.push({ method: req.method ?? 'GET', path, headers: { ...req.headers }, body });
  const route = routes[`${req.method ?? 'GET'} ${path}`];
  if (!route) {
    await sendJson(res, 404, {
      error: { message: `no route ${req.method} ${path}`, type: 'not_found' },
    });
    return;
  }
  trackResponse(res, shared.counters);
  const takeStep = (): Step => shared.queue.shift() ?? {};
  await route({ req, res, body, takeStep, ledger: shared.ledger, produced: shared.produced });
}

function waitUntil(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      if (check()) resolve();
      else if (Date.now() - started > timeoutMs)
        reject(new Error(`condition not met in ${timeoutMs} ms`));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

export async function startFakeServer(routes: Routes): Promise<FakeUpstream> {
  const shared = {
    requests: [] as RecordedRequest[],
    queue: [] as Step[],
    ledger: [] as BilledUsage[],
    produced: [] as BilledUsage[],
    counters: { closedConnections: 0, abortedRequests: 0 },
  };
  const server = createServer((req, res) => {
    handle(routes, { req, res }, shared).catch((error: unknown) => {
      if (!res.headersSent) void sendJson(res, 500, { error: { message: String(error) } });
      else res.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    socket.on('close', () => {
      shared.counters.closedConnections += 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: `${url}/v1`,
    requests: shared.requests,
    ledger: shared.ledger,
    produced: shared.produced,
    script: (...steps) => void shared.queue.push(...steps),
    get closedConnections() {
      return shared.counters.closedConnections;
    },
    get abortedRequests() {
      return shared.counters.abortedRequests;
    },
    waitUntil,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
