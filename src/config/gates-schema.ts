import { z } from 'zod';
import { severities } from '../gates/types.js';

const severity = z.enum(severities);

/** Settings every gate shares: whether it runs, what blocks, how long it may take. */
const gateBase = {
  enabled: z.boolean().default(true).describe('Run this gate.'),
  blocking: severity
    .default('medium')
    .describe('Findings at or above this severity fail the gate; lower ones are reported only.'),
  timeoutMs: z.number().int().positive().max(600_000).optional().describe('Per-gate timeout.'),
};

export const gatesConfigSchema = z
  .strictObject({
    timeoutMs: z
      .number()
      .int()
      .positive()
      .max(600_000)
      .default(30_000)
      .describe('Default per-gate timeout in milliseconds.'),
    typecheck: z.strictObject({ ...gateBase, blocking: severity.default('high') }).prefault({}),
    lint: z.strictObject({ ...gateBase }).prefault({}),
    security: z.strictObject({ ...gateBase }).prefault({}),
    secrets: z.strictObject({ ...gateBase, blocking: severity.default('high') }).prefault({}),
    complexity: z
      .strictObject({
        ...gateBase,
        maxFunctionLines: z.number().int().positive().default(50),
        maxCyclomatic: z.number().int().positive().default(10),
        maxNesting: z.number().int().positive().default(4),
        maxParams: z.number().int().positive().default(5),
      })
      .prefault({}),
    patterns: z
      .strictObject({
        ...gateBase,
        blocking: severity.default('low'),
        require: z
          .array(z.enum(['io-error-handling', 'exported-doc-comments', 'structured-logging']))
          .default(['io-error-handling', 'exported-doc-comments'])
          .describe('Required patterns checked in generated code.'),
      })
      .prefault({}),
    tests: z
      .strictObject({
        ...gateBase,
        enabled: z.boolean().default(false),
        coverageThreshold: z.number().min(0).max(100).default(80),
      })
      .prefault({}),
  })
  .prefault({});

export type GatesConfig = z.infer<typeof gatesConfigSchema>;
