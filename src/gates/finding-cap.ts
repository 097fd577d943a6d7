/**
 * At most MAX_FINDINGS_PER_FILE findings are listed per file. A generated or hostile
 * file can make a gate report one finding per line: 1 MB of `x;` drew 666,668
 * findings, a 114 MB answer, and copying them from the gate workers to the server's
 * event loop held it for 1.9 s. So the workers cap each gate's findings before they
 * send them (`capGateFindings`, leaving a marker that counts what it dropped), and the
 * report caps each file across gates (`capFindings`). The most severe findings are kept
 * (then the earliest lines), so verdicts, which depend on the most severe finding, are
 * the same as on every finding; each gate that lost some gets one `findings-truncated`
 * info finding saying how many.
 */
import { severityRank, type Finding } from './types.js';
import type { ReportedFinding } from './validation-report.js';

export const MAX_FINDINGS_PER_FILE = 1_000;
export const truncatedRule = 'findings-truncated';

function moreSevereFirst(a: { severity: Finding['severity']; line: number }, b: typeof a): number {
  return severityRank[b.severity] - severityRank[a.severity] || a.line - b.line;
}

/**
 * The MAX most severe of one file's findings (the same array when under the cap), and
 * how many each gate lost.
 */
function mostSevere<T extends Pick<Finding, 'gate' | 'severity' | 'line'>>(
  findings: T[],
): { kept: T[]; omitted: Map<string, number> } {
  const omitted = new Map<string, number>();
  if (findings.length <= MAX_FINDINGS_PER_FILE) return { kept: findings, omitted };
  const kept = [...findings].sort(moreSevereFirst).slice(0, MAX_FINDINGS_PER_FILE);
  for (const finding of findings) omitted.set(finding.gate, (omitted.get(finding.gate) ?? 0) + 1);
  for (const finding of kept) omitted.set(finding.gate, (omitted.get(finding.gate) ?? 0) - 1);
  for (const [gate, count] of omitted) if (count <= 0) omitted.delete(gate);
  return { kept, omitted };
}

/** Of each file's findings, the MAX most severe, plus a marker per gate that lost some. */
export function capGateFindings(findings: Finding[]): Finding[] {
  if (findings.length <= MAX_FINDINGS_PER_FILE) return findings;
  const byFile = new Map<string | undefined, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const out: Finding[] = [];
  for (const [file, list] of byFile) {
    const { kept, omitted } = mostSevere(list);
    out.push(...kept);
    for (const [gate, count] of omitted) {
      const marker: Finding = { gate, rule: truncatedRule, severity: 'info', message: '', line: 1 };
      out.push({ ...marker, omitted: count, ...(file === undefined ? {} : { file }) });
    }
  }
  return out;
}

/**
 * One file's findings capped across gates; `earlier` holds what the workers already
 * left out per gate. The findings come back unsorted.
 */
export function capFindings(
  findings: ReportedFinding[],
  earlier: ReadonlyMap<string, number> = new Map(),
): ReportedFinding[] {
  const { kept, omitted } = mostSevere(findings);
  for (const [gate, count] of earlier) omitted.set(gate, (omitted.get(gate) ?? 0) + count);
  if (omitted.size === 0) return kept;
  const listed = kept === findings ? [...kept] : kept;
  for (const [gate, count] of omitted) {
    listed.push({
      gate,
      rule: truncatedRule,
      severity: 'info',
      message: `${count.toLocaleString('en-US')} more ${gate} findings in this file are not listed: at most ${MAX_FINDINGS_PER_FILE.toLocaleString('en-US')} findings are reported per file, the most severe first`,
      line: 1,
    });
  }
  return listed;
}
