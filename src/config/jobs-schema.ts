/**
 * Config for async jobs, webhooks and Idempotency-Key (docs/jobs.md). Webhook
 * secrets are named by environment variable (`secretEnv`) and resolved by
 * `resolveWebhooks` in load.ts, the only place that reads the environment.
 */
import { z } from 'zod';
import { ErrorCode, ShipgateError } from '../errors.js';

export const jobEvents = ['job.succeeded', 'job.failed'] as const;
export type JobEvent = (typeof jobEvents)[number];

/** `priority: "batch"` items through the providers' batch APIs (docs/jobs.md, ADR 0029). */
export const batchApiConfigSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe(
        'Send priority "batch" model calls to the provider batch APIs (off: run them now).',
      ),
    pollMs: z
      .number()
      .int()
      .min(10)
      .max(3_600_000)
      .default(30_000)
      .describe('How often a provider batch is polled.'),
    deadlineMs: z
      .number()
      .int()
      .min(100)
      .max(7 * 86_400_000)
      .default(90_000_000)
      .describe('A provider batch not ended after this is cancelled (then see onTimeout).'),
    onTimeout: z
      .enum(['run-now', 'fail'])
      .default('run-now')
      .describe(
        'When the provider batch cannot deliver (expired, past deadlineMs, or a retryable failure: 5xx, 429, overloaded): run the call now at full price through the gateway (its fallbacks apply), or fail the attempt.',
      ),
    collectMs: z
      .number()
      .int()
      .min(0)
      .max(600_000)
      .default(2_000)
      .describe('Calls to the same model arriving within this window share one provider batch.'),
    maxRequests: z
      .number()
      .int()
      .min(1)
      .max(50_000)
      .default(1_000)
      .describe('Requests per provider batch at most.'),
    discount: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        'Fraction taken off the list price for batch calls (OpenAI and Anthropic: 0.5 = half price).',
      ),
    openaiCompatible: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/))
      .default([])
      .describe(
        "openai-compatible providers that also speak OpenAI's /v1/files and /v1/batches (openai and anthropic providers always do).",
      ),
  })
  .prefault({});

export const jobsConfigSchema = z
  .strictObject({
    runInServer: z
      .enum(['auto', 'always', 'never'])
      .default('auto')
      .describe(
        'Whether `shipgate serve` runs jobs itself: auto = yes in embedded mode (no redis.url), no in scale-out (run `shipgate worker`).',
      ),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(256)
      .default(4)
      .describe('Jobs run at once per process.'),
    leaseMs: z
      .number()
      .int()
      .min(500)
      .max(3_600_000)
      .default(30_000)
      .describe('A running job not renewed for this long is taken back and run again.'),
    maxAttempts: z.number().int().min(1).max(20).default(3).describe('Attempts per job.'),
    pollMs: z
      .number()
      .int()
      .min(10)
      .max(60_000)
      .default(250)
      .describe('Embedded queue poll interval.'),
    queueName: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('shipgate-jobs')
      .describe('BullMQ queue name (scale-out).'),
    maxBatchItems: z.number().int().min(1).max(10_000).default(1_000),
    batchApi: batchApiConfigSchema,
  })
  .prefault({});

const endpointSchema = z.strictObject({
  url: z.url().describe('Where events are POSTed (http or https).'),
  secretEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/)
    .describe('Environment variable holding the whsec_… signing secret.'),
  events: z
    .array(z.enum(jobEvents))
    .min(1)
    .default([...jobEvents]),
  scope: z
    .enum(['all', 'request'])
    .default('all')
    .describe(
      'all: every job; request: only jobs whose request named this endpoint in `webhook.url`.',
    ),
});

export const webhooksConfigSchema = z
  .strictObject({
    endpoints: z.array(endpointSchema).default([]),
    allowPrivateAddresses: z
      .boolean()
      .default(false)
      .describe('Deliver to loopback/private/link-local addresses (off: SSRF guard).'),
    maxAttempts: z.number().int().min(1).max(50).default(10),
    baseDelayMs: z.number().int().min(1).max(3_600_000).default(1_000),
    maxDelayMs: z.number().int().min(1).max(86_400_000).default(3_600_000),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  })
  .prefault({});

export const idempotencyConfigSchema = z
  .strictObject({
    ttlHours: z
      .number()
      .min(1)
      .max(24 * 30)
      .default(24)
      .describe('How long a key is remembered.'),
  })
  .prefault({});

export type WebhooksParsed = z.output<typeof webhooksConfigSchema>;

export interface WebhookEndpoint {
  url: string;
  /** The raw `whsec_…` secret. */
  secret: string;
  events: JobEvent[];
  scope: 'all' | 'request';
}

export interface WebhooksConfig extends Omit<WebhooksParsed, 'endpoints'> {
  endpoints: WebhookEndpoint[];
}

/** Resolves each endpoint's `secretEnv`; a missing or malformed secret is a config error. */
export function resolveWebhooks(
  parsed: WebhooksParsed,
  env: Readonly<Record<string, string | undefined>>,
): WebhooksConfig {
  const endpoints = parsed.endpoints.map((endpoint, i): WebhookEndpoint => {
    const secret = env[endpoint.secretEnv];
    if (!secret || !/^whsec_[A-Za-z0-9+/=]{8,}$/.test(secret)) {
      throw new ShipgateError(
        ErrorCode.ConfigInvalid,
        `webhooks.endpoints[${i}].secretEnv names ${endpoint.secretEnv}, which is ${secret ? 'not a whsec_<base64> secret' : 'not set'}; export a secret like whsec_$(openssl rand -base64 32)`,
      );
    }
    return { url: endpoint.url, secret, events: endpoint.events, scope: endpoint.scope };
  });
  return { ...parsed, endpoints };
}

export type BatchApiConfig = z.output<typeof batchApiConfigSchema>;
