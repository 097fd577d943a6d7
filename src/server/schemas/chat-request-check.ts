/**
 * A copy-free check of an OpenAI chat completion request: true only for bodies that
 * `chatCompletionRequestSchema` (openai.ts) accepts. zod's loose objects copy every
 * field of the body and of each message on every request; this check reads them in
 * place, so the hot path validates without allocating (ADR 0041). Anything it does
 * not accept goes to zod, which stays the specification and words the 400s;
 * chat-request-check.test.ts compares the two on generated bodies.
 */
import { isAbsent, isJsonObject } from '../../lib/json-shape.js';
type Check = (value: unknown) => boolean;

const isString = (value: unknown): value is string => typeof value === 'string';

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

const inRange = (value: unknown, min: number, max: number): boolean =>
  isNumber(value) && value >= min && value <= max;

const isInteger = (value: unknown): boolean => Number.isSafeInteger(value);

const tokens: Check = (value) =>
  isAbsent(value) || (isInteger(value) && inRange(value, 1, 10_000_000));

const optionalString = (value: unknown): boolean => value === undefined || isString(value);

const roles = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);
const responseTypes = new Set(['text', 'json_object', 'json_schema']);

function contentPart(value: unknown): boolean {
  return isJsonObject(value) && isString(value.type) && optionalString(value.text);
}

function content(value: unknown): boolean {
  if (value === undefined || value === null || isString(value)) return true;
  return Array.isArray(value) && value.every(contentPart);
}

function message(value: unknown): boolean {
  return (
    isJsonObject(value) &&
    isString(value.role) &&
    roles.has(value.role) &&
    content(value.content) &&
    optionalString(value.name) &&
    (value.tool_calls === undefined ||
      (Array.isArray(value.tool_calls) && value.tool_calls.every(isJsonObject))) &&
    optionalString(value.tool_call_id)
  );
}

function stop(value: unknown): boolean {
  if (isAbsent(value) || isString(value)) return true;
  return Array.isArray(value) && value.length <= 4 && value.every(isString);
}

/** The fields every OpenAI request shares (`common` in openai.ts). */
function commonFields(body: Record<string, unknown>): boolean {
  const { model } = body;
  return (
    isString(model) &&
    model.length >= 1 &&
    model.length <= 256 &&
    (isAbsent(body.stream) || typeof body.stream === 'boolean') &&
    (isAbsent(body.stream_options) ||
      (isJsonObject(body.stream_options) &&
        (body.stream_options.include_usage === undefined ||
          typeof body.stream_options.include_usage === 'boolean'))) &&
    tokens(body.max_tokens) &&
    (isAbsent(body.temperature) || inRange(body.temperature, 0, 2)) &&
    (isAbsent(body.top_p) || inRange(body.top_p, 0, 1)) &&
    (isAbsent(body.n) || (isInteger(body.n) && inRange(body.n, 1, 128))) &&
    stop(body.stop) &&
    (isAbsent(body.seed) || isInteger(body.seed)) &&
    (body.user === undefined || (isString(body.user) && body.user.length <= 256))
  );
}

/** True when the chat completion schema accepts `body` as it is. */
export function isPlainChatRequest(body: unknown): boolean {
  if (!isJsonObject(body) || !commonFields(body)) return false;
  const { messages, tools, response_format: format } = body;
  return (
    Array.isArray(messages) &&
    messages.length >= 1 &&
    messages.every(message) &&
    tokens(body.max_completion_tokens) &&
    (isAbsent(tools) ||
      (Array.isArray(tools) && tools.every((tool) => isJsonObject(tool) && isString(tool.type)))) &&
    (isAbsent(format) ||
      (isJsonObject(format) && isString(format.type) && responseTypes.has(format.type)))
  );
}
