import Mustache from 'mustache';
import { builtinViewNames } from './template-schema.js';

type Token = unknown[];

function names(tokens: unknown, out: Set<string>): void {
  if (!Array.isArray(tokens)) return;
  for (const token of tokens as Token[]) {
    const [type, value, , , children] = token;
    if (typeof value !== 'string') continue;
    if (type === 'name' || type === '&' || type === '#' || type === '^') {
      const root = value.split('.')[0] ?? value;
      if (value !== '.') out.add(root);
    }
    if (type === '>') out.add(`>${value}`);
    if (type === '#' || type === '^') names(children, out);
  }
}

/**
 * Names a Mustache body uses that are neither declared variables nor
 * built-ins (partials count as unknown: templates are self-contained).
 * `onError` turns a parse error (an unclosed section) into the caller's error.
 */
export function checkBodyNames(
  body: string,
  declared: string[],
  onError: (cause: unknown) => Error,
): string[] {
  let tokens: unknown;
  try {
    tokens = new Mustache.Writer().parse(body);
  } catch (cause) {
    throw onError(cause);
  }
  const used = new Set<string>();
  names(tokens, used);
  const known = new Set<string>([...declared, ...builtinViewNames]);
  return [...used].filter((name) => !known.has(name)).sort();
}
