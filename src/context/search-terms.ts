/** Words too common in code or prose to say anything about relevance. */
const stopWords: ReadonlySet<string> = new Set(
  (
    'a an and are as at be by for from in is it of on or that the this to with ' +
    'const let var function return export import default async await new class ' +
    'if else for while true false null undefined void type interface extends implements ' +
    'def self none pass public private protected static readonly string number boolean'
  ).split(' '),
);

/** Splits `parseHttpRequest`, `parse_http_request` and `HTTPServer` into their words. */
function identifierParts(word: string): string[] {
  return word
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_$]+/)
    .filter(Boolean);
}

/**
 * Terms of code or prose for BM25: each identifier as a whole (lower-cased)
 * plus its camelCase / snake_case parts, without stop words and 1-letter terms.
 */
export function codeTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of text.split(/[^A-Za-z0-9_$]+/)) {
    if (word.length < 2) continue;
    const parts = identifierParts(word);
    const candidates = parts.length > 1 ? [word, ...parts] : [word];
    for (const candidate of candidates) {
      const term = candidate.toLowerCase();
      if (term.length >= 2 && !stopWords.has(term) && !/^\d+$/.test(term)) terms.push(term);
    }
  }
  return terms;
}
