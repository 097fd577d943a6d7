/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace,
 * `undefined`/functions/symbols dropped, bigint as a decimal string, cycles as
 * "[Circular]". The same value always gives the same text, which is what the
 * audit hash chain needs.
 */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A plain JSON copy of `value` (see the rules above); undefined when nothing representable.
 * `path` holds the objects being copied above this one: a cycle is an object met again
 * on its own path (a plain array, not a WeakSet: one WeakSet per audit row was a GC cost).
 */
export function toJsonValue(value: unknown, path: object[] = []): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'object':
      return value === null ? null : objectValue(value, path);
    default:
      return undefined;
  }
}

function objectValue(value: object, path: object[]): JsonValue {
  if (path.includes(value)) return '[Circular]';
  path.push(value);
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (Array.isArray(value)) return value.map((item) => toJsonValue(item, path) ?? null);
    const out: { [key: string]: JsonValue } = {};
    for (const key of sortedKeys(value)) {
      const item = toJsonValue((value as Record<string, unknown>)[key], path);
      if (item !== undefined) out[key] = item;
    }
    return out;
  } finally {
    path.pop();
  }
}

/**
 * The object's keys in canonical order. Most objects are written with their keys in
 * that order already; checking costs no allocation, where `sort()` allocates its work
 * arrays (it was the largest single allocation site of the audit path under load).
 */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i += 1) {
    if ((keys[i - 1] as string) > (keys[i] as string)) return keys.sort();
  }
  return keys;
}

export function canonicalJson(value: unknown): string {
  // toJsonValue sorts keys; JSON.stringify keeps insertion order and adds no whitespace.
  return JSON.stringify(toJsonValue(value) ?? null);
}
