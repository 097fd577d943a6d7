/**
 * Fits the prefix, suffix and snippets into `maxContextTokens`. Tokens are
 * estimated at a fixed characters-per-token ratio: exact counting (a BPE pass
 * over several KB) costs milliseconds on the hot path, and the upstream's own
 * tokenizer differs anyway (ADR 0021). Windows are cut at line boundaries.
 */

/** Code in the BPE vocabularies of current code models: ~3.2 characters per token (conservative). */
export const charsPerToken = 3.2;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / charsPerToken);
}

export interface Snippet {
  path: string;
  content: string;
}

export interface WindowInput {
  prefix: string;
  suffix: string;
  snippets: Snippet[];
  maxContextTokens: number;
}

export interface Windowed {
  prefix: string;
  suffix: string;
  snippets: Snippet[];
}

/** The last `maxChars` of `text`, starting at a line start when one is in range. */
export function tailAtLine(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.length - maxChars;
  const nl = text.indexOf('\n', cut);
  return nl === -1 || nl === text.length - 1 ? text.slice(cut) : text.slice(nl + 1);
}

/** The first `maxChars` of `text`, ending at a line end when one is in range. */
export function headAtLine(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const nl = text.lastIndexOf('\n', maxChars);
  return nl <= 0 ? text.slice(0, maxChars) : text.slice(0, nl + 1);
}

/**
 * Budget split: the suffix gets at most a fifth, the prefix what it needs of the
 * rest, and snippets (in the order given: most relevant first) what is left over,
 * at most a third of the budget; a snippet that does not fit whole is dropped.
 */
export function fitWindow(input: WindowInput): Windowed {
  const budget = Math.max(64, input.maxContextTokens) * charsPerToken;
  const suffix = headAtLine(input.suffix, Math.floor(budget * 0.2));
  const prefix = tailAtLine(input.prefix, Math.floor(budget - suffix.length));
  let left = Math.min(budget / 3, budget - suffix.length - prefix.length);
  const snippets: Snippet[] = [];
  for (const s of input.snippets) {
    const size = s.content.length + s.path.length + 16;
    if (size > left) continue;
    snippets.push(s);
    left -= size;
  }
  return { prefix, suffix, snippets };
}
