import type { Severity } from '../gates/types.js';

/** One secret found in a text. Offsets are UTF-16 character offsets into that text. */
export interface SecretMatch {
  /** Kebab-case rule name, e.g. `github-token`, `aws-secret-access-key`, `generic-password`. */
  rule: string;
  /** Start offset of the secret value (inclusive). */
  start: number;
  /** End offset of the secret value (exclusive). */
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** The secret itself: `text.slice(start, end)`. */
  secret: string;
  severity: Severity;
  /** Which engine found it: own provider table, secretlint's preset, or the entropy heuristic. */
  source: 'provider' | 'secretlint' | 'generic';
}

/** A match before line numbers and merging: what each engine produces. */
export type RawMatch = Omit<SecretMatch, 'line'>;

export interface DetectOptions {
  /** Also run secretlint's recommended preset (default false: our own rules cover its formats, stricter). */
  secretlint?: boolean;
  /** Run the entropy heuristic on `password = "…"`-style assignments (default true). */
  generic?: boolean;
  /** Run the provider pattern table (default true). */
  providers?: boolean;
}
