/**
 * Shape tests for parsed JSON, shared by the hot path's hand-written checks (ADR 0041):
 * the questions zod asks of `z.object` and `.nullish()`, without copying anything.
 */

/** A JSON object (what `z.object` accepts): not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What `.nullish()` lets through on its own: undefined or null. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}
