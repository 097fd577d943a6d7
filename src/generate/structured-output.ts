import { z } from 'zod';

/** What a model with JSON output is asked to answer. */
export const structuredFilesSchema = z.object({
  files: z.array(z.object({ path: z.string().min(1), content: z.string() })).min(1),
});

export type StructuredFiles = z.infer<typeof structuredFilesSchema>;

export const structuredOutputInstruction =
  'Answer with one JSON object and nothing else: {"files": [{"path": "<path relative to the project root>", "content": "<the whole file>"}]}. ' +
  'Include every file you create or change, each complete.';

/** The answer's files when it is the structured JSON shape (possibly fenced), else null. */
export function parseStructuredFiles(text: string): StructuredFiles | null {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n```$/.exec(trimmed);
  const candidate = fenced?.[1] ?? trimmed;
  if (!candidate.startsWith('{')) return null;
  try {
    const parsed = structuredFilesSchema.safeParse(JSON.parse(candidate));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface ModelLookup {
  candidates(task: 'generate', model?: string): { capabilities: readonly string[] }[];
}

/** Whether the model a generation would use first supports JSON output. */
export function modelSupportsJson(registry: ModelLookup, model?: string): boolean {
  try {
    return registry.candidates('generate', model)[0]?.capabilities.includes('json') ?? false;
  } catch {
    return false;
  }
}
