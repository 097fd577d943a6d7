/** The Complete contract (DESIGN.md, wave 2): request and answer shapes, checked with zod. */
import { z } from 'zod';
import { feedbackEvents } from './completion-log.js';

const text = (max: number) => z.string().max(max);

export const completeRequestSchema = z.strictObject({
  prefix: text(1_000_000).describe('Text before the cursor.'),
  suffix: text(1_000_000).optional().describe('Text after the cursor.'),
  language: z
    .string()
    .regex(/^[A-Za-z0-9_+#.-]{1,64}$/, 'must be a language id such as typescript or python')
    .optional(),
  file: z.string().min(1).max(1_024).optional().describe('Path of the file, shown to the model.'),
  model: z.string().min(1).max(256).optional(),
  maxTokens: z.number().int().min(1).max(2_048).optional(),
  multiline: z.boolean().optional().describe('Force multi-line (true) or single-line (false).'),
  snippets: z
    .array(z.strictObject({ path: z.string().min(1).max(1_024), content: text(200_000) }))
    .max(32)
    .optional()
    .describe('Context from other files (imported definitions, recently edited code), best first.'),
  repo: z.string().min(1).max(256).optional().describe('Repository name (Qwen repo-level format).'),
  stop: z.array(z.string().min(1).max(64)).max(16).optional().describe('Extra stop strings.'),
});
export type CompleteRequest = z.infer<typeof completeRequestSchema>;

export const completeResultSchema = z.object({
  id: z.string(),
  completion: z.string().describe('Empty when there is nothing worth showing.'),
  model: z.string(),
  cached: z.boolean(),
  latencyMs: z.number(),
});
export type CompleteResult = z.infer<typeof completeResultSchema>;

export const feedbackRequestSchema = z.strictObject({
  id: z.string().min(1).max(128),
  event: z.enum(feedbackEvents),
  acceptedChars: z.number().int().min(0).max(1_000_000).optional(),
});
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;
