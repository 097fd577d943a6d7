import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { ErrorCode, ShipgateError } from '../errors.js';
import { checkBodyNames } from './body-names.js';
import { describeValue, matchesType } from './variable-types.js';
import { builtinViewNames, frontMatterSchema, type Template } from './template-schema.js';

const frontMatter = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

function invalid(origin: string, problem: string, cause?: unknown): ShipgateError {
  return new ShipgateError(ErrorCode.ConfigInvalid, `template ${origin}: ${problem}`, { cause });
}

function readYaml(origin: string, text: string): unknown {
  try {
    return parseYaml(text) as unknown;
  } catch (cause) {
    throw invalid(origin, `front matter is not valid YAML (${(cause as Error).message})`, cause);
  }
}

function checkVariables(
  origin: string,
  template: Omit<Template, 'body' | 'hash' | 'origin'>,
): void {
  for (const [name, spec] of Object.entries(template.variables)) {
    if ((builtinViewNames as readonly string[]).includes(name))
      throw invalid(origin, `variable "${name}" is reserved (built-in); rename it`);
    if (spec.default !== undefined && !matchesType(spec, spec.default)) {
      const expected = spec.type === 'enum' ? `one of ${spec.values?.join(', ')}` : spec.type;
      throw invalid(
        origin,
        `default of variable "${name}" must be ${expected}; got ${describeValue(spec.default)}`,
      );
    }
  }
}

/**
 * Parses a template file: YAML front matter between `---` lines, then a
 * Mustache body. Everything is checked here, at load time: the front matter
 * fields, variable defaults against their types, and that the body only uses
 * declared variables and built-ins. Problems are ConfigInvalid errors naming
 * the file and what to fix.
 */
export function parseTemplate(source: string, origin: string): Template {
  const match = frontMatter.exec(source);
  if (!match) throw invalid(origin, 'must start with YAML front matter between two `---` lines');
  const parsed = frontMatterSchema.safeParse(readYaml(origin, match[1] ?? ''));
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(front matter)'}: ${i.message}`,
    );
    throw invalid(origin, issues.join('; '));
  }
  checkVariables(origin, parsed.data);
  const body = source.slice(match[0].length);
  const unknown = checkBodyNames(body, Object.keys(parsed.data.variables), (cause) =>
    invalid(origin, `body is not a valid Mustache template (${(cause as Error).message})`, cause),
  );
  if (unknown.length > 0) {
    throw invalid(
      origin,
      `body uses ${unknown.map((n) => `{{${n}}}`).join(', ')}, which ${unknown.length > 1 ? 'are' : 'is'} not declared under variables`,
    );
  }
  const hash = createHash('sha256').update(source).digest('hex');
  return { ...parsed.data, body, hash, origin };
}
