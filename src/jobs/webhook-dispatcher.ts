/**
 * Delivers the webhook outbox: claims due events, POSTs them signed (Standard
 * Webhooks), logs each attempt and retries failures with exponential backoff and
 * jitter, keeping the event's `webhook-id`. Connections go through the SSRF guard.
 * Delivery is at least once: a receiver dedupes on `webhook-id`.
 */
import { Agent, fetch } from 'undici';
import type { WebhooksConfig } from '../config/jobs-schema.js';
import type { StoreKind } from '../store/schema.js';
import { backoffMs } from './backoff.js';
import type { Db } from './jobs-repo.js';
import { claimDue, recordAttempt, type AttemptRecord, type OutboxEntry } from './outbox.js';
import { checkWebhookUrl, guardedLookup } from './ssrf-guard.js';
import { webhookHeaders } from './webhook-sign.js';

export interface DispatcherOptions {
  db: Db;
  kind: StoreKind;
  config: WebhooksConfig;
  /** Poll interval (ms). Default 250. */
  pollMs?: number;
  /** Events delivered at once. Default 16. */
  batch?: number;
  now?: () => number;
  random?: () => number;
  onError?: (error: unknown) => void;
}

export interface Dispatcher {
  /** One pass: deliver what is due now; resolves with the number of attempts made. */
  tick(): Promise<number>;
  start(): void;
  /** Stops polling and waits for deliveries in flight. */
  stop(): Promise<void>;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? `: ${cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${inner}`;
}

export function createWebhookDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, kind, config } = options;
  const now = options.now ?? Date.now;
  const agent = new Agent({
    connect: { lookup: guardedLookup(config.allowPrivateAddresses) as never },
    connections: 16,
  });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = false;

  async function post(entry: OutboxEntry): Promise<AttemptRecord> {
    const endpoint = config.endpoints.find((e) => e.url === entry.url);
    const started = performance.now();
    if (!endpoint)
      return { status: null, ok: false, error: 'endpoint no longer configured', durationMs: 0 };
    try {
      checkWebhookUrl(entry.url, config.allowPrivateAddresses);
      const timestamp = Math.floor(now() / 1000);
      const response = await fetch(entry.url, {
        method: 'POST',
        body: entry.payload,
        redirect: 'manual',
        dispatcher: agent,
        signal: AbortSignal.timeout(config.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'shipgate-webhooks/1',
          ...webhookHeaders(endpoint.secret, entry.id, timestamp, entry.payload),
        },
      });
      await response.body?.cancel().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return {
        status: response.status,
        ok,
        durationMs: performance.now() - started,
        ...(ok ? {} : { error: `HTTP ${response.status}` }),
      };
    } catch (error) {
      return {
        status: null,
        ok: false,
        error: describe(error),
        durationMs: performance.now() - started,
      };
    }
  }

  async function deliver(entry: OutboxEntry): Promise<void> {
    const attempt = await post(entry);
    const attempts = entry.attempts + 1;
    const at = now();
    const nextAt =
      attempt.ok || attempts >= config.maxAttempts
        ? null
        : at + backoffMs(attempts, config.baseDelayMs, config.maxDelayMs, options.random);
    await recordAttempt(db, entry, attempt, at, nextAt);
  }

  async function tick(): Promise<number> {
    const leaseMs = config.timeoutMs * 2 + 1_000;
    const due = await claimDue(db, kind, now(), leaseMs, options.batch ?? 16);
    await Promise.all(
      due.map((entry) => deliver(entry).catch((e: unknown) => options.onError?.(e))),
    );
    return due.length;
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => {
          options.onError?.(error);
          return 0;
        })
        .then((n) => {
          running = null;
          schedule(n > 0 ? 0 : (options.pollMs ?? 250));
          return n;
        });
    }, delay);
    timer.unref?.();
  }

  return {
    tick,
    start() {
      stopped = false;
      if (timer === null) schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      await agent.close();
    },
  };
}
