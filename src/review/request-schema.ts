import { z } from 'zod';
import { severities } from '../gates/types.js';

/** `POST /api/review` body (and the async job's input). */
export const reviewRequestSchema = z.strictObject({
  diff: z.string().min(1).max(5_000_000).describe('A unified diff (`git diff BASE...HEAD`).'),
  files: z
    .array(
      z.strictObject({ path: z.string().min(1).max(1024), content: z.string().max(5_000_000) }),
    )
    .max(500)
    .default([])
    .describe('Head versions of the changed files (added files are also rebuilt from the diff).'),
  base: z.string().max(200).nullable().optional(),
  head: z.string().max(200).nullable().optional(),
  gates: z.array(z.string().min(1).max(64)).max(32).optional(),
  failOn: z.enum(severities).default('high'),
  model: z
    .union([z.string().min(1).max(200), z.literal(false)])
    .optional()
    .describe(
      'A model alias, or false for gates only (default: the review task’s model when one is configured).',
    ),
  async: z.boolean().optional(),
});

export type ReviewRequest = z.output<typeof reviewRequestSchema>;
