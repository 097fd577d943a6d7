import { z } from 'zod';
import { severitySchema } from '../types.js';

/** What the model must answer: the structured output, validated before use. */
export const modelAnswerSchema = z.object({
  findings: z
    .array(
      z.object({
        file: z.string().min(1),
        line: z.number().int().positive(),
        endLine: z.number().int().positive().optional(),
        severity: severitySchema,
        category: z.string().min(1).max(40),
        message: z.string().min(1).max(2000),
        suggestion: z.string().max(2000).optional(),
      }),
    )
    .max(50),
});

export type ModelAnswer = z.infer<typeof modelAnswerSchema>;

export const answerInstruction =
  'Answer with one JSON object and nothing else: {"findings": [{"file": "<path>", "line": <head line number>, ' +
  '"endLine"?: <number>, "severity": "critical"|"high"|"medium"|"low"|"info", "category": "security"|"correctness"|"performance"|"maintainability", ' +
  '"message": "<what is wrong and why>", "suggestion"?: "<how to fix>"}]}. Use the head line numbers printed at the start of each line; ' +
  'report only problems on lines marked "+" (added); an empty list when there are none. No style nits.';

export type ParsedAnswer = { ok: true; answer: ModelAnswer } | { ok: false; reason: string };

/** The model's answer as the schema's object, or why it is not one (invalid JSON, wrong shape). */
export function parseModelAnswer(text: string): ParsedAnswer {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n```$/.exec(trimmed);
  const candidate = fenced?.[1] ?? trimmed;
  let value: unknown;
  try {
    value = JSON.parse(candidate);
  } catch {
    return { ok: false, reason: 'the answer was not valid JSON' };
  }
  const parsed = modelAnswerSchema.safeParse(value);
  if (!parsed.success)
    return {
      ok: false,
      reason: `the answer did not match the schema (${parsed.error.issues[0]?.message ?? 'invalid'})`,
    };
  return { ok: true, answer: parsed.data };
}
