import { accepts, runsIntoMask } from './accept.js';
import { isPlaceholder } from './allow-list.js';
import { scanCallArguments } from './call-arguments.js';
import { scanGenericAssignments } from './generic-assignments.js';
import { scanKeyNamed } from './key-named.js';
import { mergeMatches } from './merge.js';
import { providerRules, type ProviderRule } from './provider-patterns.js';
import type { DetectOptions, RawMatch, SecretMatch } from './types.js';

export type { DetectOptions, SecretMatch } from './types.js';

/**
 * Formats our own provider rules define (gitleaks-style, with entropy and shape checks):
 * secretlint's looser pattern for the same format only adds false positives.
 */
const ownFormats: ReadonlySet<string> = new Set(providerRules.map((r) => r.rule));

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const allKeywords = [...new Set(providerRules.flatMap((r) => r.keywords))].sort(
  (a, b) => b.length - a.length,
);
/** Each keyword with the keywords inside it: finding `sk-ant-` also means `sk-` occurs. */
const implied = new Map(allKeywords.map((k) => [k, allKeywords.filter((o) => k.includes(o))]));
/** One pass over the text finds which rule keywords occur (instead of one search per keyword). */
const keywordPattern = new RegExp(allKeywords.map(escapeRegex).join('|'), 'g');

function presentKeywords(text: string): Set<string> {
  const lower = text.toLowerCase();
  const found = new Set<string>();
  const re = new RegExp(keywordPattern);
  for (let m = re.exec(lower); m; m = re.exec(lower)) {
    for (const k of implied.get(m[0]) ?? [m[0]]) found.add(k);
    re.lastIndex = m.index + 1; // a shorter keyword may start inside this one
  }
  return found;
}

/** A rule scoped to some files applies to those, and to texts whose file is unknown. */
const appliesTo = (rule: ProviderRule, path: string | undefined): boolean =>
  path === undefined || rule.paths === undefined || rule.paths.test(path);

/** The identifier characters just before `index` (`NEXT_PUBLIC_` before `ALGOLIA_KEY`). */
function nameAt(text: string, index: number): string {
  return /[\w.-]*$/.exec(text.slice(Math.max(0, index - 60), index))?.[0] ?? '';
}

function scanProviders(text: string, path: string | undefined): RawMatch[] {
  const out: RawMatch[] = [];
  const present = presentKeywords(text);
  for (const rule of providerRules) {
    if (rule.keywords.length > 0 && !rule.keywords.some((k) => present.has(k))) continue;
    if (!appliesTo(rule, path)) continue;
    for (const match of text.matchAll(rule.pattern)) {
      const span = match.indices?.groups?.secret ?? match.indices?.[0];
      if (!span) continue;
      const secret = text.slice(span[0], span[1]);
      const key =
        match.groups?.key === undefined ? '' : nameAt(text, match.index) + match.groups.key;
      if (!accepts(rule, secret, text, span[0], key) || runsIntoMask(text, span[1])) continue;
      out.push({
        rule: rule.rule,
        severity: rule.severity,
        start: span[0],
        end: span[1],
        secret,
        source: 'provider',
      });
    }
  }
  return out;
}

/** 1-based line numbers for offsets, by binary search over line starts. */
function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

export interface SecretDetector {
  /** `path`, when known, is the file the text comes from: file-specific formats apply only there. */
  detect(text: string, path?: string): Promise<SecretMatch[]>;
}

/**
 * A detector combining own provider patterns (format, keyword pre-filter, entropy and shape of
 * the random part) and the entropy heuristic for named assignments, with overlapping matches
 * merged; secretlint's recommended preset only on request (`secretlint: true`, the benchmark
 * baseline: our rules cover its formats, more strictly). Build one and reuse it.
 */
/** secretlint is loaded only when asked for (the benchmark baseline): nothing else runs it. */
async function loadSecretlint() {
  const { createSecretlintEngine } = await import('./secretlint-engine.js');
  return createSecretlintEngine();
}

export function createSecretDetector(options: DetectOptions = {}): SecretDetector {
  const secretlint = options.secretlint === true ? loadSecretlint() : undefined;
  secretlint?.catch(() => undefined); // a failed load is reported by the first detect(), not as unhandled
  const providers = options.providers !== false;
  const generic = options.generic !== false;
  return {
    async detect(text, path) {
      const raw: RawMatch[] = [];
      if (providers) raw.push(...scanProviders(text, path));
      if (generic)
        raw.push(
          ...scanGenericAssignments(text),
          ...scanKeyNamed(text),
          ...scanCallArguments(text),
        );
      if (secretlint) {
        const found = await (await secretlint).scan(text);
        raw.push(
          ...found.filter(
            (m) =>
              !(providers && ownFormats.has(m.rule)) &&
              !isPlaceholder(m.secret) &&
              !runsIntoMask(text, m.end),
          ),
        );
      }
      const lineOf = lineLocator(text);
      return mergeMatches(text, raw).map((m) => ({ ...m, line: lineOf(m.start) }));
    },
  };
}

/** One-off detection; prefer `createSecretDetector()` when scanning many texts. */
export function detectSecrets(text: string, options?: DetectOptions): Promise<SecretMatch[]> {
  return createSecretDetector(options).detect(text);
}
