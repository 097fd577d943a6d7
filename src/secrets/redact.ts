import { z } from 'zod';
import { createSecretDetector, type SecretDetector } from './detect.js';

/**
 * Masks secrets with stable placeholders, `[REDACTED:<rule>:<n>]`, e.g.
 * `[REDACTED:github-token:1]`: self-describing (a model sees it is a secret and
 * keeps it as an opaque string), no quotes or backslashes (survives being put
 * in any string literal, YAML or .env value), and numbered per rule so the
 * same secret always gets the same placeholder within one run. The vault maps
 * placeholders back to the originals so code a model returns can be restored.
 */

/** One masked secret; offsets are character offsets into the ORIGINAL input. */
export interface RedactFinding {
  rule: string;
  start: number;
  end: number;
  line: number;
}

export const redactionVaultSchema = z.object({
  version: z.literal(1),
  /** Placeholder → original secret. */
  entries: z.record(z.string(), z.string()),
});
export type RedactionVault = z.infer<typeof redactionVaultSchema>;

export interface RedactResult {
  redacted: string;
  findings: RedactFinding[];
  vault: RedactionVault;
}

export interface RedactOptions {
  /** Reuse a detector across calls (its secretlint config is built once). */
  detector?: SecretDetector;
}

/** Matches any placeholder this module produces. */
export const placeholderPattern = /\[REDACTED:[a-z0-9][a-z0-9-]*:\d+\]/g;

export async function redact(text: string, options: RedactOptions = {}): Promise<RedactResult> {
  const detector = options.detector ?? createSecretDetector();
  const matches = await detector.detect(text);
  const bySecret = new Map<string, string>();
  const perRule = new Map<string, number>();
  const entries: Record<string, string> = {};
  const placeholderFor = (rule: string, secret: string): string => {
    const known = bySecret.get(secret);
    if (known) return known;
    let n = perRule.get(rule) ?? 0;
    let placeholder: string;
    do {
      n += 1;
      placeholder = `[REDACTED:${rule}:${n}]`;
    } while (text.includes(placeholder)); // never collide with text already in the input
    perRule.set(rule, n);
    bySecret.set(secret, placeholder);
    entries[placeholder] = secret;
    return placeholder;
  };
  const parts: string[] = [];
  let cursor = 0;
  for (const match of matches) {
    parts.push(text.slice(cursor, match.start), placeholderFor(match.rule, match.secret));
    cursor = match.end;
  }
  parts.push(text.slice(cursor));
  return {
    redacted: parts.join(''),
    findings: matches.map(({ rule, start, end, line }) => ({ rule, start, end, line })),
    vault: { version: 1, entries },
  };
}

/** Puts the originals back wherever a placeholder from `vault` appears; unknown ones stay. */
export function restore(text: string, vault: RedactionVault): string {
  return text.replace(
    placeholderPattern,
    (placeholder) => vault.entries[placeholder] ?? placeholder,
  );
}

/** How many placeholders of `vault` occur in `text`. */
export function countPlaceholders(text: string, vault: RedactionVault): number {
  return [...text.matchAll(placeholderPattern)].filter(([p]) => Object.hasOwn(vault.entries, p))
    .length;
}
