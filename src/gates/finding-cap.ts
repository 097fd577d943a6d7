/**
 * At most MAX_FINDINGS_PER_FILE findings are listed per file. A generated or hostile
 * file can make a gate report one finding per line: 1 MB of `x;` drew 666,668
 * findings, a 114 MB answer that held the server's event loop for 2.8 s while it was
 * serialised. The most severe findings are kept (then the earliest lines); each gate
 * that lost some adds one `findings-truncated` info finding saying how many. Verdicts
 * and the gates' finding counts are decided on every finding, before the cap.
 */
import { severityRank } from './types.js';
import type { ReportedFinding } from './validation-report.js';

export const MAX_FINDINGS_PER_FILE = 1_000;
export const truncatedRule = 'findings-truncated';

function moreSevereFirst(a: ReportedFinding, b: ReportedFinding): number {
  return severityRank[b.severity] - severityRank[a.severity] || a.line - b.line;
}

/** The file's findings capped as above (the same array when under the cap); unsorted. */
export function capFindings(findings: ReportedFinding[]): ReportedFinding[] {
  if (findings.length <= MAX_FINDINGS_PER_FILE) return findings;
  const kept = [...findings].sort(moreSevereFirst).slice(0, MAX_FINDINGS_PER_FILE);
  const omitted = new Map<string, number>();
  for (const finding of findings) omitted.set(finding.gate, (omitted.get(finding.gate) ?? 0) + 1);
  for (const finding of kept) omitted.set(finding.gate, (omitted.get(finding.gate) ?? 0) - 1);
  for (const [gate, count] of omitted) {
    if (count <= 0) continue;
    kept.push({
      gate,
      rule: truncatedRule,
      severity: 'info',
      message: `${count.toLocaleString('en-US')} more ${gate} findings in this file are not listed: at most ${MAX_FINDINGS_PER_FILE.toLocaleString('en-US')} findings are reported per file, the most severe first`,
      line: 1,
    });
  }
  return kept;
}
