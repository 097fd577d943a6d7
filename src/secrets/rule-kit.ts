import type { Severity } from '../gates/types.js';

/**
 * How a provider rule is written, the way gitleaks writes its rules: a format
 * pattern whose named group `secret` is the secret, a keyword pre-filter (the
 * pattern only runs on texts that contain one of the keywords, lower-cased),
 * and a minimum Shannon entropy where the format alone is too loose.
 */
export interface ProviderRule {
  rule: string;
  severity: Severity;
  /** Lower-case substrings, one of which must occur in the text (empty: always run). */
  keywords: readonly string[];
  /** Carries the `g` and `d` flags (global, match indices). */
  pattern: RegExp;
  /** Minimum entropy of the secret, bits per character. */
  entropy?: number;
  /** The format is loose (a name next to a random value): placeholders are rejected by shape too. */
  loose?: boolean;
  /** A further test of a match, for formats whose validity a pattern cannot express. */
  check?: SecretCheck;
  /** For named rules: the provider's identifiers are its secret (`SUMO_ACCESS_ID`). */
  idIsSecret?: boolean;
  /** The format belongs to these files (`.tf`, `nuget.config`); texts of unknown origin get it too. */
  paths?: RegExp;
}

/** Whether the `secret` found at `start` in `text` is a real one. */
export type SecretCheck = (secret: string, text: string, start: number) => boolean;

/**
 * What ends a token in code, config, shell, URLs and prose: a quote, whitespace, `;`, `&` or
 * `#` (the next query parameter or the fragment: `?token=…&page=2`), `%` (a percent-encoded
 * character after it), `|` and `*` (a Markdown table cell, bold text), an escaped quote, newline
 * or backslash (JSON inside a JSON string: `"{\"token\":\"ghp_…\"}"`), the end, or sentence
 * punctuation before one of those (`The key is AKIA….`).
 */
const END = `(?=[\`'"\\s;,)\\]}<>&#%|*]|\\\\[nrt"'\`\\\\]|[.!?:](?:[\\s'"\`)\\]]|$)|$)`;
/** Not glued to a preceding token character. */
const START = '(?<![A-Za-z0-9_])';
/**
 * An assignment or key/value separator between a name and its value; quotes may be escaped
 * (`\"sentry_token\":\"…\"`, JSON inside a JSON string).
 */
const SEP = `(?:[ \\t\\w.-]{0,20})(?:\\\\?[\\s'"\`]){0,3}(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)(?:\\\\?[\`'"\\s=]){0,5}`;

export interface RuleOptions {
  severity?: Severity;
  entropy?: number;
  /** Case-insensitive pattern (default: true for named rules, false for unique formats). */
  caseInsensitive?: boolean;
  /** Extra keywords beyond those the rule is built from. */
  keywords?: readonly string[];
  check?: SecretCheck;
  /** See `ProviderRule.idIsSecret`. */
  idIsSecret?: boolean;
  paths?: RegExp;
}

function build(
  rule: string,
  source: string,
  keywords: readonly string[],
  flags: string,
  options: RuleOptions,
  loose: boolean,
): ProviderRule {
  const out: ProviderRule = {
    rule,
    severity: options.severity ?? 'critical',
    keywords: [...keywords, ...(options.keywords ?? [])].map((k) => k.toLowerCase()),
    pattern: new RegExp(source, `gdm${flags}`),
    loose,
  };
  if (options.entropy !== undefined) out.entropy = options.entropy;
  if (options.check !== undefined) out.check = options.check;
  if (options.paths !== undefined) out.paths = options.paths;
  return out;
}

/**
 * A token with its own recognisable shape (`ghp_…`, `xoxb-…`, `AKIA…`), anywhere in a text.
 * `keywords` are the literal prefixes the shape starts with.
 */
export function unique(
  rule: string,
  keywords: readonly string[],
  secret: string,
  options: RuleOptions = {},
): ProviderRule {
  const flags = options.caseInsensitive === true ? 'i' : '';
  return build(rule, `${START}(?<secret>${secret})${END}`, keywords, flags, options, false);
}

/**
 * A value of a loose format (32 hex characters, a UUID) that only counts next to a name that
 * says which service it belongs to: `SENTRY_TOKEN = "…"`, `"heroku_api_key": "…"`.
 * `names` is a regex alternation; `keywords` defaults to the names' literal words.
 */
export function named(
  rule: string,
  keywords: readonly string[],
  names: string,
  secret: string,
  options: RuleOptions = {},
): ProviderRule {
  const flags = options.caseInsensitive === false ? '' : 'i';
  const source = `(?<key>(?:${names})[\\w.-]{0,20})${SEP}(?<secret>${secret})${END}`;
  const out = build(rule, source, keywords, flags, { entropy: 3, ...options }, true);
  if (options.idIsSecret === true) out.idIsSecret = true;
  return out;
}

/** A pattern written out in full (it must have a `secret` group or match only the secret). */
export function raw(
  rule: string,
  keywords: readonly string[],
  source: string,
  options: RuleOptions = {},
): ProviderRule {
  const flags = options.caseInsensitive === true ? 'i' : '';
  return build(rule, source, keywords, flags, options, false);
}

/** Hex, UUID and base-62 alphabets used by many rules. */
export const HEX = '[a-f0-9]';
export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const ALNUM = '[a-zA-Z0-9]';
export const TOKEN = '[a-zA-Z0-9_\\-]';
