/**
 * How deeply a JSON text nests arrays and objects. JSON.parse copes with any depth,
 * but much that handles a request afterwards recurses (JSON.stringify of the
 * upstream body, schema validation, translation): a body nested 50,000 levels deep
 * overflowed the stack there and came back as a 500. The server refuses such bodies
 * up front instead, with a 400 that says why.
 */

/** Levels of nested arrays and objects a request body may have. */
export const MAX_JSON_DEPTH = 256;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const OPEN_OBJECT = 123;
const CLOSE_ARRAY = 93;
const CLOSE_OBJECT = 125;

/** Index of the quote that closes the string opened at `open` (text.length if none). */
function endOfString(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    let backslashes = 0;
    for (let j = at - 1; text.charCodeAt(j) === BACKSLASH; j -= 1) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
}

/**
 * The deepest nesting of `text` (valid JSON), stopping early once past `limit`:
 * brackets inside strings do not count. Strings are skipped with indexOf, so a body
 * that is mostly prompt text costs little more than a search for its quotes.
 */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = endOfString(text, i);
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth -= 1;
  }
  return deepest;
}
