import type { VariableSpec } from './template-schema.js';

/** Whether `value` has the declared type (and is one of an enum's values). */
export function matchesType(spec: Pick<VariableSpec, 'type' | 'values'>, value: unknown): boolean {
  switch (spec.type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'enum':
      return typeof value === 'string' && (spec.values ?? []).includes(value);
  }
}

/** The expected type in words, for error messages. */
export function describeType(spec: Pick<VariableSpec, 'type' | 'values'>): string {
  if (spec.type === 'enum') return `one of ${(spec.values ?? []).join(' | ')}`;
  if (spec.type === 'string[]') return 'a list of strings (string[])';
  return `a ${spec.type}`;
}

/** A value and its JavaScript type, short enough for one line. */
export function describeValue(value: unknown): string {
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const text = JSON.stringify(value) ?? String(value);
  const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `${short} (${kind})`;
}
