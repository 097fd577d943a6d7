/** Where a repository lists findings it has decided to keep: one fingerprint and a reason a line. */
export const ignoreFilePath = '.shipgate/ignore';

export interface IgnoreList {
  /** Fingerprint → the reason given. */
  entries: Map<string, string>;
  /** Lines that were not honoured, and why (shown in the summary). */
  problems: string[];
}

/**
 * Parses `.shipgate/ignore`: `FINGERPRINT reason…` per line, `#` comments. An entry
 * without a reason is not honoured — dismissals must say why.
 */
export function parseIgnoreFile(text: string): IgnoreList {
  const entries = new Map<string, string>();
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^([0-9a-f]{8,64})\s+(.*\S)\s*$/i.exec(line);
    if (match?.[1] && match[2]) {
      entries.set(match[1].toLowerCase(), match[2].replace(/^#\s*/, ''));
      return;
    }
    problems.push(
      /^[0-9a-f]{8,64}$/i.test(line)
        ? `${ignoreFilePath}:${index + 1}: add a reason after the fingerprint`
        : `${ignoreFilePath}:${index + 1}: expected "FINGERPRINT reason"`,
    );
  });
  return { entries, problems };
}
