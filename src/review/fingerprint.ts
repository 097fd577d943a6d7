import { createHash } from 'node:crypto';

/** Code as the fingerprint sees it: whitespace runs collapsed, ends trimmed. */
export function normaliseCode(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface FingerprintSubject {
  rule: string;
  line: number;
  endLine?: number;
}

/**
 * Fingerprints for findings in one file's text, in the spirit of GitHub's
 * `primaryLocationLineHash`: rule + file + the normalised code of the finding's lines,
 * with an occurrence counter so two identical findings differ. Never the line number, so
 * edits elsewhere that move the code keep the fingerprint.
 */
export function fingerprintAll<T extends FingerprintSubject>(
  findings: readonly T[],
  file: string,
  content: string,
): Map<T, string> {
  const lines = content.split('\n');
  const seen = new Map<string, number>();
  const result = new Map<T, string>();
  const ordered = [...findings].sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
  for (const finding of ordered) {
    const last = Math.min(finding.endLine ?? finding.line, finding.line + 2);
    const code = normaliseCode(lines.slice(finding.line - 1, last).join('\n'));
    const key = `${finding.rule}\0${file}\0${code}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    const hash = createHash('sha256').update(`${key}\0${occurrence}`).digest('hex');
    result.set(finding, hash.slice(0, 24));
  }
  return result;
}
