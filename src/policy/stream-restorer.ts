/**
 * Restores redaction placeholders in text that arrives in chunks (a streamed
 * answer). It emits everything it can at once and holds back only a tail that
 * could still become one of the vault's placeholders, so a placeholder split
 * across chunks at any character is restored whole, and text that merely looks
 * like the start of one is released as soon as it stops matching.
 */

export class StreamRestorer {
  readonly #entries: ReadonlyMap<string, string>;
  readonly #placeholders: readonly string[];
  readonly #longest: number;
  #held = '';

  constructor(entries: Readonly<Record<string, string>>) {
    this.#entries = new Map(Object.entries(entries));
    this.#placeholders = [...this.#entries.keys()];
    this.#longest = Math.max(0, ...this.#placeholders.map((p) => p.length));
  }

  /** Replaces every complete vault placeholder in `text`. */
  restore(text: string): string {
    if (this.#placeholders.length === 0 || !text.includes('[')) return text;
    let out = text;
    for (const [placeholder, secret] of this.#entries) out = out.split(placeholder).join(secret);
    return out;
  }

  /** True when `tail` is a proper prefix of some placeholder. */
  #couldStart(tail: string): boolean {
    return this.#placeholders.some((p) => p.length > tail.length && p.startsWith(tail));
  }

  /** Where the held-back tail starts: the first `[` near the end that could begin a placeholder. */
  #cut(text: string): number {
    const from = Math.max(0, text.length - this.#longest + 1);
    for (let i = text.indexOf('[', from); i >= 0; i = text.indexOf('[', i + 1)) {
      if (this.#couldStart(text.slice(i))) return i;
    }
    return text.length;
  }

  /** Text safe to send now (restored); the rest waits for the next chunk. */
  push(chunk: string): string {
    if (this.#placeholders.length === 0) return chunk;
    const text = this.#held + chunk;
    const cut = this.#cut(text);
    this.#held = text.slice(cut);
    return this.restore(text.slice(0, cut));
  }

  /** Whatever is held at the end of the stream (it never became a placeholder). */
  flush(): string {
    const rest = this.#held;
    this.#held = '';
    return this.restore(rest);
  }
}
