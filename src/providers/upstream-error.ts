/**
 * Reads an upstream's error body: OpenAI `{"error":{"message","type","code"}}`,
 * Anthropic `{"type":"error","error":{"type","message"}}`, and the variants of
 * OpenAI-compatible servers (vLLM, llama.cpp, Ollama). Parsed with zod, never trusted.
 */
import { z } from 'zod';

export const upstreamErrorSchema = z.object({
  message: z.string().default(''),
  type: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
});

export type UpstreamErrorInfo = z.infer<typeof upstreamErrorSchema>;

const bodySchema = z.union([
  z.object({ error: upstreamErrorSchema }),
  z
    .object({ error: z.string() })
    .transform((b): { error: UpstreamErrorInfo } => ({ error: { message: b.error } })),
  upstreamErrorSchema.extend({ message: z.string() }).transform((error) => ({ error })),
]);

export function parseUpstreamErrorBody(body: string | undefined): UpstreamErrorInfo | undefined {
  if (body === undefined || body.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) return undefined;
  return parsed.data.error;
}

/** Error codes/types upstreams use for "the prompt does not fit". */
const overflowCodes: ReadonlySet<string> = new Set([
  'context_length_exceeded', // OpenAI
  'exceed_context_size_error', // llama.cpp server
]);

/**
 * Anthropic has no code for it, only its documented message ("prompt is too long");
 * vLLM answers OpenAI's "maximum context length" text without a code. These are
 * upstream protocol strings, matched only on the upstream's own 400 body.
 */
const overflowMessages =
  /prompt is too long|maximum context length|exceeds the available context size/i;

export function isContextOverflow(status: number, info: UpstreamErrorInfo | undefined): boolean {
  if (status === 413) return true;
  if (!info || status !== 400) return false;
  if (typeof info.code === 'string' && overflowCodes.has(info.code)) return true;
  if (typeof info.type === 'string' && overflowCodes.has(info.type)) return true;
  return overflowMessages.test(info.message);
}
