/**
 * The pass-through's per-payload reader: accepts exactly what `openaiPayload` and
 * `anthropicPayload` (wire-usage.ts) accept, without zod's per-call object copies.
 * It runs on every upstream JSON body and every SSE event, so it is on the hot path
 * (ADR 0041); wire-payload.test.ts checks it against the zod schemas, which stay the
 * specification. A payload of the wrong shape anywhere is ignored whole (null).
 */
import { isAbsent, isJsonObject } from '../lib/json-shape.js';
import type { z } from 'zod';
import type { anthropicPayload, openaiPayload } from './wire-usage.js';

export type OpenAIPayload = z.infer<typeof openaiPayload>;
export type AnthropicPayload = z.infer<typeof anthropicPayload>;

const nullishString = (value: unknown): boolean => isAbsent(value) || typeof value === 'string';

/** `{ message?, type? }` error objects, as `wireError` in wire-usage.ts. */
const wireError = (value: unknown): boolean =>
  isAbsent(value) ||
  (isJsonObject(value) && nullishString(value.message) && nullishString(value.type));

/** Straight-line checks, not combinators: one shape per function keeps V8's property loads fast. */
function toolCalls(value: unknown): boolean {
  if (isAbsent(value)) return true;
  if (!Array.isArray(value)) return false;
  for (const call of value) {
    if (!isJsonObject(call)) return false;
    const fn = call.function;
    if (!isAbsent(fn) && !(isJsonObject(fn) && nullishString(fn.arguments))) return false;
  }
  return true;
}

const openaiPart = (value: unknown): boolean =>
  isAbsent(value) ||
  (isJsonObject(value) && nullishString(value.content) && toolCalls(value.tool_calls));

function openaiChoices(value: unknown): boolean {
  if (isAbsent(value)) return true;
  if (!Array.isArray(value)) return false;
  for (const choice of value) {
    if (!isJsonObject(choice)) return false;
    if (!openaiPart(choice.delta) || !openaiPart(choice.message)) return false;
    if (!nullishString(choice.text) || !nullishString(choice.finish_reason)) return false;
  }
  return true;
}

function openaiUsage(value: unknown): boolean {
  if (isAbsent(value)) return true;
  if (!isJsonObject(value)) return false;
  const details = value.prompt_tokens_details;
  return isAbsent(details) || isJsonObject(details); // counts stay loose: any JSON value
}

function openaiShape(value: unknown): boolean {
  return (
    isJsonObject(value) &&
    openaiChoices(value.choices) &&
    openaiUsage(value.usage) &&
    wireError(value.error)
  );
}

/** Anthropic's counts stay loose (any JSON value), as in wire-usage.ts. */
const anthropicUsage = (value: unknown): boolean => isAbsent(value) || isJsonObject(value);

function anthropicContent(value: unknown): boolean {
  if (isAbsent(value)) return true;
  return (
    Array.isArray(value) && value.every((block) => isJsonObject(block) && nullishString(block.text))
  );
}

function anthropicDelta(value: unknown): boolean {
  if (isAbsent(value)) return true;
  return (
    isJsonObject(value) &&
    nullishString(value.text) &&
    nullishString(value.partial_json) &&
    nullishString(value.stop_reason)
  );
}

function anthropicShape(value: unknown): boolean {
  if (!isJsonObject(value)) return false;
  const { message } = value;
  return (
    (value.type === undefined || typeof value.type === 'string') &&
    (isAbsent(message) || (isJsonObject(message) && anthropicUsage(message.usage))) &&
    anthropicUsage(value.usage) &&
    anthropicDelta(value.delta) &&
    anthropicContent(value.content) &&
    nullishString(value.stop_reason) &&
    wireError(value.error)
  );
}

/** The payload as the OpenAI reader sees it, or null when zod's schema would reject it. */
export function openaiPayloadOf(json: unknown): OpenAIPayload | null {
  return openaiShape(json) ? (json as OpenAIPayload) : null;
}

/** The payload as the Anthropic reader sees it, or null when zod's schema would reject it. */
export function anthropicPayloadOf(json: unknown): AnthropicPayload | null {
  return anthropicShape(json) ? (json as AnthropicPayload) : null;
}
