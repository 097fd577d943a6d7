import { ErrorCode, ShipgateError } from '../errors.js';
import type { Template, VariableSpec } from './template-schema.js';
import { describeType, describeValue, matchesType } from './variable-types.js';

export type VariableValue = string | number | boolean | string[];

function badRequest(message: string): ShipgateError {
  return new ShipgateError(ErrorCode.BadRequest, message);
}

function unknownVariable(template: Template, name: string): ShipgateError {
  const known = Object.keys(template.variables);
  const list =
    known.length > 0 ? `its variables are: ${known.join(', ')}` : 'it takes no variables';
  return badRequest(`template "${template.name}" has no variable "${name}"; ${list}`);
}

function isMissing(spec: VariableSpec, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  return spec.type === 'string' && value === '';
}

/**
 * Checks the given variables against the template's declarations before any
 * model call: unknown names, missing required ones and wrong types are
 * BadRequest errors naming the variable, the expected type and what was
 * given. Returns every declared variable with its value or default.
 */
export function resolveVariables(
  template: Template,
  given: Record<string, unknown> = {},
): Record<string, VariableValue | undefined> {
  for (const name of Object.keys(given)) {
    if (!(name in template.variables)) throw unknownVariable(template, name);
  }
  const out: Record<string, VariableValue | undefined> = {};
  for (const [name, spec] of Object.entries(template.variables)) {
    const value = given[name];
    if (isMissing(spec, value)) {
      if (spec.required) {
        const what = spec.description ? `: ${spec.description.replace(/\.$/, '')}` : '';
        throw badRequest(
          `template "${template.name}" needs variable "${name}" (${describeType(spec)}${what}); none was given`,
        );
      }
      out[name] = spec.default;
      continue;
    }
    if (!matchesType(spec, value)) {
      throw badRequest(
        `variable "${name}" of template "${template.name}" must be ${describeType(spec)}; got ${describeValue(value)}`,
      );
    }
    out[name] = value as VariableValue;
  }
  return out;
}

const truthy = new Set(['true', 'yes', '1', 'on']);
const falsy = new Set(['false', 'no', '0', 'off']);

/** Splits a comma-separated list; `\,` is a literal comma. */
function splitList(text: string): string[] {
  return text
    .split(/(?<!\\),/)
    .map((item) => item.replace(/\\,/g, ',').trim())
    .filter((item) => item !== '');
}

function convert(template: Template, name: string, spec: VariableSpec, raw: string): VariableValue {
  const wrong = (): ShipgateError =>
    badRequest(
      `variable "${name}" of template "${template.name}" must be ${describeType(spec)}; got ${JSON.stringify(raw)}`,
    );
  switch (spec.type) {
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) throw wrong();
      return n;
    }
    case 'boolean': {
      const lower = raw.trim().toLowerCase();
      if (truthy.has(lower)) return true;
      if (falsy.has(lower)) return false;
      throw wrong();
    }
    case 'string[]':
      return splitList(raw);
    default:
      return raw;
  }
}

/**
 * Parses `--var name=value` arguments by each variable's declared type:
 * numbers, booleans (true/false, yes/no, 1/0), lists comma-separated (`\,`
 * for a comma; repeating `--var` for a list appends). Validation of the
 * result is resolveVariables' job.
 */
export function parseVariableArgs(
  template: Template,
  args: string[],
): Record<string, VariableValue> {
  const out: Record<string, VariableValue> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw badRequest(`--var expects name=value; got ${JSON.stringify(arg)}`);
    const name = arg.slice(0, eq).trim();
    const spec = template.variables[name];
    if (!spec) throw unknownVariable(template, name);
    const value = convert(template, name, spec, arg.slice(eq + 1));
    const previous = out[name];
    out[name] = Array.isArray(previous) && Array.isArray(value) ? [...previous, ...value] : value;
  }
  return out;
}
