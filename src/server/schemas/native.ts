/** Bodies and answers of the native /api routes. */
import { z } from 'zod';

const findingSchema = z.looseObject({
  gate: z.string(),
  rule: z.string(),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
  message: z.string(),
  line: z.number(),
  endLine: z.number().optional(),
  column: z.number().optional(),
  cwe: z.string().optional(),
});

export const generateBodySchema = z.strictObject({
  spec: z.string().min(1).max(200_000).describe('What to generate, in plain language.'),
  template: z.string().min(1).max(128).optional().describe('Template name (default: function).'),
  variables: z.record(z.string(), z.unknown()).optional().describe('Template variables.'),
  targetFile: z
    .string()
    .min(1)
    .max(1024)
    .optional()
    .describe('Path (inside the project) the code is for.'),
  model: z.string().min(1).max(256).optional(),
  maxAttempts: z.number().int().min(1).max(10).optional(),
  maxCostUsd: z
    .number()
    .positive()
    .max(10_000)
    .optional()
    .describe('Default: generate.maxCostUsd.'),
  maxTokens: z.number().int().positive().optional().describe('Default: generate.maxTokens.'),
  withTests: z.boolean().optional().describe('Default: generate.withTests.'),
  gates: z
    .array(z.string().min(1).max(64))
    .min(1)
    .max(32)
    .optional()
    .describe('Default: generate.gates.'),
  async: z.boolean().optional().describe('true: answer 202 {jobId} and run it as a job.'),
  webhook: z
    .strictObject({ url: z.url() })
    .optional()
    .describe('A configured webhooks.endpoints URL to notify (async only).'),
});

export const generateResultSchema = z.object({
  passed: z.boolean(),
  stopReason: z.string(),
  stopDetail: z.string().optional(),
  template: z.object({ name: z.string(), version: z.string(), hash: z.string() }),
  files: z.array(z.object({ path: z.string(), content: z.string() })),
  attempts: z.array(
    z.object({
      attempt: z.number(),
      verdict: z.string(),
      model: z.string(),
      findings: z.array(findingSchema),
      tokens: z.object({ input: z.number(), output: z.number() }),
      costMicros: z.number(),
      latencyMs: z.number(),
    }),
  ),
  totals: z.object({
    attempts: z.number(),
    inputTokens: z.number(),
    outputTokens: z.number(),
    costMicros: z.number(),
    durationMs: z.number(),
  }),
});

export const validateBodySchema = z.strictObject({
  files: z
    .array(
      z.strictObject({
        path: z.string().min(1).max(1024),
        content: z.string().max(5_000_000),
      }),
    )
    .min(1)
    .max(500),
  gates: z.array(z.string().min(1).max(64)).max(32).optional(),
  root: z.string().min(1).max(4096).optional(),
});

export const validateResultSchema = z.looseObject({
  passed: z.boolean(),
  files: z.array(
    z.looseObject({ file: z.string(), passed: z.boolean(), findings: z.array(findingSchema) }),
  ),
});

export const textBodySchema = z.strictObject({ text: z.string().max(5_000_000) });

export const redactResultSchema = z.object({
  redacted: z.string(),
  findings: z.array(
    z.object({ rule: z.string(), start: z.number(), end: z.number(), line: z.number() }),
  ),
});

export const extractResultSchema = z.object({
  blocks: z.array(
    z.looseObject({
      language: z.string().nullable(),
      code: z.string(),
      closed: z.boolean(),
      startLine: z.number(),
    }),
  ),
});

export const feedbackBodySchema = z
  .strictObject({
    requestId: z.string().min(1).max(128).optional(),
    completionId: z.string().min(1).max(128).optional(),
    verdict: z.enum(['accepted', 'rejected', 'edited']),
    editDistance: z.number().int().min(0).max(10_000_000).optional(),
  })
  .refine((b) => b.requestId !== undefined || b.completionId !== undefined, {
    message: 'give requestId or completionId',
  });

export const feedbackResultSchema = z.object({ recorded: z.boolean(), storedIn: z.string() });

export const usageQuerySchema = z.strictObject({
  since: z
    .string()
    .regex(
      /^(\d{1,6}[smhd]|\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?)$/,
      'use e.g. 7d, 24h, 30m or an ISO date',
    )
    .default('7d'),
  by: z.enum(['model', 'task', 'caller', 'provider']).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
});

export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  action: z.string().min(1).max(64).optional(),
  actor: z.string().min(1).max(128).optional(),
  since: z
    .string()
    .regex(/^(\d{1,6}[smhd]|\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?)$/, 'use e.g. 7d, 24h or an ISO date')
    .optional(),
});
