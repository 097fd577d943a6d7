import { fingerprintAll } from '../fingerprint.js';
import type { ReviewFile } from '../gate-review.js';
import type { ReviewFinding } from '../types.js';
import { hasNestedQuantifier, regexSites } from './redos.js';

const scriptFile = /\.(?:[cm]?[jt]sx?)$/;

/**
 * Review-only rules for vulnerability shapes that live in a diff's added lines and that no
 * gate checks: a regex made catastrophic (nested quantifiers over an ambiguous body).
 * They run with the security gate (not when `--gates` leaves it out).
 */
export function diffRuleFindings(
  files: readonly ReviewFile[],
  gates?: readonly string[],
): ReviewFinding[] {
  if (gates && !gates.includes('security')) return [];
  const out: ReviewFinding[] = [];
  for (const file of files) {
    if (!scriptFile.test(file.diff.path)) continue;
    const sites = regexSites(file.diff.path, file.head).filter(
      (site) => file.diff.added.has(site.line) && hasNestedQuantifier(site.pattern),
    );
    const raw = sites.map((site) => ({
      rule: 'review/redos',
      line: site.line,
      pattern: site.pattern,
    }));
    const prints = fingerprintAll(raw, file.diff.path, file.head);
    for (const site of raw) {
      out.push({
        fingerprint: prints.get(site) ?? '',
        file: file.diff.path,
        line: site.line,
        severity: 'medium',
        category: 'security',
        cwe: 'CWE-1333',
        rule: 'review/redos',
        source: 'gate',
        message: `The regular expression /${site.pattern.slice(0, 80)}/ repeats a group whose body can match the same text in many ways: a crafted input makes it backtrack for seconds (ReDoS).`,
        suggestion:
          'Make the repetition unambiguous (a mandatory separator inside the group, e.g. (\\w+\\.)+\\w+), use a possessive/atomic form or a linear-time engine (re2), or bound the input length first.',
      });
    }
  }
  return out;
}
