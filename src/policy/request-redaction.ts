/**
 * Reversible redaction of one request's prompts (`redact.requests: true`): every
 * secret the detectors in src/secrets find — in messages, system prompts and tool
 * arguments — becomes a `[REDACTED:<rule>:<n>]` placeholder (src/secrets/redact.ts's
 * format) before any upstream or the cache sees the request. The same secret gets
 * the same placeholder everywhere in the request; a placeholder never collides with
 * text already in it. The vault restores the answer, whole or streamed.
 */
import type { ChatMessage } from '../gateway/types.js';
import type { SecretDetector } from '../secrets/detect.js';
import { StreamRestorer } from './stream-restorer.js';

export class RequestRedaction {
  readonly #bySecret = new Map<string, string>();
  readonly #perRule = new Map<string, number>();
  readonly #entries: Record<string, string> = {};
  readonly #corpus: string;

  /** `texts`: every string of the request (placeholders must not collide with them). */
  constructor(
    private readonly detector: SecretDetector,
    texts: readonly string[],
  ) {
    this.#corpus = texts.join('\u0000');
  }

  /** Placeholder → secret. */
  get entries(): Readonly<Record<string, string>> {
    return this.#entries;
  }

  get count(): number {
    return this.#bySecret.size;
  }

  #placeholderFor(rule: string, secret: string): string {
    const known = this.#bySecret.get(secret);
    if (known) return known;
    let n = this.#perRule.get(rule) ?? 0;
    let placeholder: string;
    do {
      n += 1;
      placeholder = `[REDACTED:${rule}:${n}]`;
    } while (this.#corpus.includes(placeholder));
    this.#perRule.set(rule, n);
    this.#bySecret.set(secret, placeholder);
    this.#entries[placeholder] = secret;
    return placeholder;
  }

  /** The text with every detected secret (and every secret already seen) masked. */
  async redact(text: string): Promise<string> {
    if (text === '') return text;
    const matches = await this.detector.detect(text);
    const parts: string[] = [];
    let cursor = 0;
    for (const m of matches) {
      if (m.secret.includes('[REDACTED:')) continue; // our own placeholder, already masked
      parts.push(text.slice(cursor, m.start), this.#placeholderFor(m.rule, m.secret));
      cursor = m.end;
    }
    parts.push(text.slice(cursor));
    let out = parts.join('');
    // a secret found in one message is masked wherever else it appears undetected
    for (const [secret, placeholder] of this.#bySecret) out = out.split(secret).join(placeholder);
    return out;
  }

  /** Redacts every string inside a JSON value (tool arguments, content parts). */
  async redactJson(value: unknown): Promise<unknown> {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return Promise.all(value.map((v) => this.redactJson(v)));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = await this.redactJson(v);
      return out;
    }
    return value;
  }

  restore(text: string): string {
    return new StreamRestorer(this.#entries).restore(text);
  }

  restorer(): StreamRestorer {
    return new StreamRestorer(this.#entries);
  }
}

/** Masks the secrets of chat messages; messages come back in order, same roles. */
export async function redactMessages(
  detector: SecretDetector,
  messages: readonly ChatMessage[],
): Promise<{ messages: ChatMessage[]; redaction: RequestRedaction }> {
  const redaction = new RequestRedaction(
    detector,
    messages.map((m) => m.content),
  );
  const out: ChatMessage[] = [];
  for (const m of messages) out.push({ ...m, content: await redaction.redact(m.content) });
  // a secret first detected in a later message may sit undetected in an earlier one
  for (const m of out) m.content = await redaction.redact(m.content);
  return { messages: out, redaction };
}
