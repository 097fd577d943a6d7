import type { z } from 'zod';

/** Value at a dotted path of the raw input, for error messages. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describeAllowed(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return `a value of type ${issue.expected}`;
    case 'too_big':
      return `at most ${String(issue.maximum)}`;
    case 'too_small':
      return `at least ${String(issue.minimum)}`;
    case 'unrecognized_keys':
      return 'only the documented keys (run `shipgate config schema`)';
    default:
      return issue.message;
  }
}

/** One line per problem: which key, what value it had, what is allowed. */
export function formatConfigIssues(error: z.ZodError, input: unknown, source: string): string[] {
  return error.issues.map((issue) => {
    const key = issue.path.map(String).join('.') || '(root)';
    if (issue.code === 'unrecognized_keys') {
      const names = issue.keys.map((k) => (key === '(root)' ? k : `${key}.${k}`)).join(', ');
      return `${source}: unknown key ${names}; allowed: ${describeAllowed(issue)}`;
    }
    const value = describeValue(valueAt(input, issue.path));
    return `${source}: key "${key}" has ${value}; allowed: ${describeAllowed(issue)} (${issue.message})`;
  });
}
