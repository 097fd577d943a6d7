import { z } from 'zod';
import { capabilities, providerKinds, taskClasses } from '../gateway/types.js';
import { gatesConfigSchema } from './gates-schema.js';
import {
  completeConfigSchema,
  embeddedConfigSchema,
  fimSettingSchema,
  modelPathSchema,
} from './complete-schema.js';
import { idempotencyConfigSchema, jobsConfigSchema, webhooksConfigSchema } from './jobs-schema.js';

const dollars = z.number().min(0).max(10_000);

const providerSchema = z.strictObject({
  kind: z.enum(providerKinds).describe('Wire protocol the provider speaks.'),
  baseUrl: z.url().optional().describe('Base URL, e.g. http://127.0.0.1:8080/v1 for llama.cpp.'),
  apiKey: z.string().min(1).optional().describe('API key; prefer apiKeyEnv.'),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/)
    .optional()
    .describe('Name of an environment variable holding the API key.'),
  headers: z.record(z.string(), z.string()).default({}).describe('Extra request headers.'),
});

const priceSchema = z.strictObject({
  input: dollars.describe('USD per 1M input tokens.'),
  output: dollars.describe('USD per 1M output tokens.'),
  cachedInput: dollars.optional().describe('USD per 1M cached input tokens (default: input).'),
});

const modelSchema = z.strictObject({
  provider: z.string().min(1).describe('Name of a configured provider.'),
  model: z.string().min(1).describe("The provider's model id."),
  contextWindow: z.number().int().positive().optional(),
  capabilities: z.array(z.enum(capabilities)).optional(),
  price: priceSchema.optional().describe('Overrides the built-in price table.'),
  costPerHour: dollars
    .optional()
    .describe('Self-hosted: USD per hour of the serving machine (break-even analysis).'),
  fim: fimSettingSchema.optional(),
  path: modelPathSchema.optional(),
  fallbacks: z
    .array(z.string().min(1))
    .max(16)
    .optional()
    .describe(
      'Aliases that serve the request, in order, when this model fails (connect error, 5xx, 429 after retries, open breaker, deadline).',
    ),
  // governance (issue 15): where the model runs, for policy.egress and break-even
  hosting: z
    .enum(['api', 'self-hosted'])
    .optional()
    .describe(
      'Where the model runs (default: api for openai/anthropic providers; self-hosted for embedded, and for openai-compatible on a loopback/private address).',
    ),
});

const deadlineSchema = z.strictObject({
  attemptMs: z.number().int().positive().describe('Deadline for one upstream attempt.'),
  totalMs: z
    .number()
    .int()
    .positive()
    .describe('Deadline for the whole call, all retries included.'),
});

const defaultDeadlines = {
  complete: { attemptMs: 2_000, totalMs: 3_000 },
  chat: { attemptMs: 60_000, totalMs: 120_000 },
  review: { attemptMs: 120_000, totalMs: 300_000 },
  generate: { attemptMs: 180_000, totalMs: 600_000 },
};

const routingSchema = z.strictObject({
  tasks: z
    .partialRecord(z.enum(taskClasses), z.array(z.string().min(1)).min(1))
    .default({})
    .describe('Task class → ordered list of model aliases (first is preferred).'),
  retry: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(10).default(3).describe('Attempts per model.'),
      baseDelayMs: z.number().int().min(0).default(250),
      maxDelayMs: z.number().int().min(0).default(8_000),
      maxRetryAfterMs: z
        .number()
        .int()
        .min(0)
        .default(30_000)
        .describe('Longest Retry-After honoured; longer waits fall back instead.'),
    })
    .prefault({}),
  breaker: z
    .strictObject({
      failureThreshold: z.number().int().min(1).default(5),
      cooldownMs: z.number().int().min(0).default(30_000),
    })
    .prefault({}),
  deadlines: z
    .strictObject({
      complete: deadlineSchema.default(defaultDeadlines.complete),
      chat: deadlineSchema.default(defaultDeadlines.chat),
      review: deadlineSchema.default(defaultDeadlines.review),
      generate: deadlineSchema.default(defaultDeadlines.generate),
    })
    .prefault({}),
});

const cacheSchema = z.strictObject({
  enabled: z.boolean().default(true),
  ttlSeconds: z.number().int().positive().default(3_600),
  maxEntries: z.number().int().positive().default(5_000).describe('In-memory LRU size.'),
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024)
    .describe('Bytes the in-memory answer caches may hold; least recently used go first.'),
  persist: z.boolean().default(true).describe('Also keep entries in the store (SQLite) or Redis.'),
});

const meteringSchema = z.strictObject({
  queueSize: z
    .number()
    .int()
    .positive()
    .default(10_000)
    .describe(
      'Records held in memory while the store is slow; past this they are dropped and counted.',
    ),
  batchSize: z.number().int().positive().default(200),
  flushIntervalMs: z.number().int().positive().default(500),
});

const generateSchema = z.strictObject({
  maxAttempts: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(3)
    .describe('Model calls per generate request at most (first try + repairs).'),
  maxCostUsd: dollars.optional().describe('Stop repairing once a request has cost this much.'),
  maxTokens: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Stop once a request has used this many tokens (input + output, all attempts).'),
  gates: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Gates generated code must pass (default: every gate enabled under gates).'),
  withTests: z.boolean().default(false).describe('Ask for tests and run them in the sandbox.'),
});

// governance (issue 15): egress rules, see src/policy/egress-policy.ts
const egressRuleSchema = z.strictObject({
  name: z.string().min(1).describe('Named in 403 answers and the audit log.'),
  paths: z.array(z.string().min(1)).default([]).describe('Globs of file paths the rule covers.'),
  repos: z.array(z.string().min(1)).default([]).describe('Globs of repositories (owner/name).'),
  allow: z
    .array(z.enum(['api', 'self-hosted']))
    .describe('Hostings a matching request may reach ([] = none).'),
});

const policySchema = z.strictObject({
  egress: z.array(egressRuleSchema).default([]),
});

export const configSchema = z.strictObject({
  home: z
    .string()
    .min(1)
    .optional()
    .describe('Data directory (default $SHIPGATE_HOME or ~/.shipgate).'),
  storage: z
    .strictObject({
      url: z
        .string()
        .regex(/^(sqlite:|postgres:|postgresql:)/, 'must start with sqlite: or postgres://')
        .optional()
        .describe('sqlite:/path/to.db (default: $home/shipgate.db) or postgres://user@host/db.'),
      sqliteCacheMb: z
        .number()
        .int()
        .min(1)
        .max(1024)
        .default(2)
        .describe(
          'SQLite page cache per connection in MB (a server opens two: reads, and the writer thread).',
        ),
    })
    .prefault({}),
  redis: z
    .strictObject({
      url: z
        .string()
        .regex(/^rediss?:\/\//)
        .optional(),
      keyPrefix: z.string().default('shipgate:'),
    })
    .prefault({}),
  server: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65_535).default(8787),
      bodyLimitBytes: z
        .number()
        .int()
        .positive()
        .default(4 * 1024 * 1024),
      allowedHosts: z
        .array(
          z
            .string()
            .regex(
              /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/,
              'must be a host name or address, optionally with :port',
            ),
        )
        .default([])
        .describe(
          'Host header values the server answers besides localhost, 127.x and [::1] (DNS-rebinding defence).',
        ),
      leanPath: z
        .boolean()
        .default(true)
        .describe(
          'Serve POST /v1/chat/completions, /v1/messages and /v1/completions on the lean node:http path in front of Fastify (same steps, less overhead); false: Fastify serves every route.',
        ),
      wasmTierUp: z
        .boolean()
        .default(false)
        .describe(
          "Let V8 re-compile hot WebAssembly (undici's HTTP parser) with its optimising compiler; false keeps it on the baseline compiler, which avoids a ~25 MB memory spike under the first load.",
        ),
    })
    .prefault({}),
  auth: z
    .strictObject({
      required: z
        .boolean()
        .default(false)
        .describe(
          'Require an API key on every non-public route (all but /healthz, /readyz and the dashboard shell), even before any key exists.',
        ),
    })
    .prefault({}),
  providers: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/), providerSchema).default({}),
  models: z.record(z.string().min(1), modelSchema).default({}),
  routing: routingSchema.prefault({}),
  cache: cacheSchema.prefault({}),
  metering: meteringSchema.prefault({}),
  gates: gatesConfigSchema,
  generate: generateSchema.prefault({}),
  complete: completeConfigSchema,
  embedded: embeddedConfigSchema,
  jobs: jobsConfigSchema,
  webhooks: webhooksConfigSchema,
  idempotency: idempotencyConfigSchema,
  // governance and cost (issue 15): docs/governance.md, docs/cost.md
  policy: policySchema.prefault({}),
  redact: z
    .strictObject({
      requests: z
        .boolean()
        .default(false)
        .describe(
          'Mask secrets in prompts before any upstream sees them; restore them in answers.',
        ),
    })
    .prefault({}),
  teams: z
    .record(z.string().min(1), z.array(z.string().min(1)).min(1))
    .default({})
    .describe('Team name → API key names (globs) that belong to it, for `shipgate cost` by team.'),
  logging: z
    .strictObject({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .prefault({}),
});

export type ShipgateConfigInput = z.input<typeof configSchema>;
export type ShipgateConfigParsed = z.output<typeof configSchema>;
