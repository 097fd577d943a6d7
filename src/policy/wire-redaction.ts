/**
 * `redact.requests: true` on the byte pass-through (issue 15): the client's own
 * request body — messages, system prompts, tool calls and tool results, whatever
 * their shape — is masked string by string before the upstream sees it, and the
 * upstream's answer is restored before the client sees it: a JSON body at once, a
 * stream event by event (sse-restorer.ts). Tool definitions, tools, images and
 * other binary parts pass untouched, so every request the upstream accepts still
 * works with redaction on.
 */
import type { SecretDetector } from '../secrets/detect.js';
import { RequestRedaction } from './request-redaction.js';

/** Body fields that carry prompt text, per wire format (the rest is parameters). */
const promptFields = ['messages', 'system', 'prompt', 'suffix'] as const;

/** Content parts that carry binary data, not text: never scanned, never rewritten. */
const binaryParts = new Set(['image_url', 'image', 'input_audio', 'document', 'file']);

function strings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object' && !isBinaryPart(value))
    for (const v of Object.values(value)) strings(v, out);
  return out;
}

function isBinaryPart(value: object): boolean {
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && binaryParts.has(type);
}

async function mask(redaction: RequestRedaction, value: unknown): Promise<unknown> {
  if (typeof value === 'string') return redaction.redact(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) out.push(await mask(redaction, v));
    return out;
  }
  if (value === null || typeof value !== 'object' || isBinaryPart(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = await mask(redaction, v);
  return out;
}

/** The body with every secret in its prompt fields replaced by a placeholder. */
export async function redactWireBody(
  detector: SecretDetector,
  body: Record<string, unknown>,
): Promise<{ body: Record<string, unknown>; redaction: RequestRedaction }> {
  const texts = promptFields.flatMap((field) => strings(body[field], []));
  const redaction = new RequestRedaction(detector, texts);
  const out: Record<string, unknown> = { ...body };
  for (const field of promptFields)
    if (field in body) out[field] = await mask(redaction, body[field]);
  if (redaction.count > 0) {
    // a secret first found in a later message may sit undetected in an earlier one
    for (const field of promptFields)
      if (field in out) out[field] = await mask(redaction, out[field]);
  }
  return { body: out, redaction };
}

/** Placeholder → the secret as it must appear inside a JSON string literal. */
export function jsonEscapedEntries(
  entries: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(entries).map(([placeholder, secret]) => [
      placeholder,
      JSON.stringify(secret).slice(1, -1),
    ]),
  );
}

/**
 * Restores a whole JSON answer. Placeholders hold only characters that need no
 * escaping, so they appear verbatim in the JSON text; each is replaced by the
 * JSON-escaped secret, whichever field (content, tool arguments) carries it.
 */
export function restoreJsonBytes(bytes: Buffer, entries: Readonly<Record<string, string>>): Buffer {
  let text = bytes.toString('utf8');
  if (!text.includes('[REDACTED:')) return bytes;
  for (const [placeholder, escaped] of Object.entries(jsonEscapedEntries(entries)))
    text = text.split(placeholder).join(escaped);
  return Buffer.from(text, 'utf8');
}
