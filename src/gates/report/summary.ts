import { severities, type Severity } from '../types.js';
import type { ValidationReport } from '../validation-report.js';

/** Counts per severity, worst first, zeroes omitted: "2 high, 1 low". */
export function severityCounts(report: ValidationReport): string {
  const counts = new Map<Severity, number>();
  for (const file of report.files) {
    for (const finding of file.findings)
      counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
  }
  return severities
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(', ');
}

export function findingCount(report: ValidationReport): number {
  return report.files.reduce((sum, file) => sum + file.findings.length, 0);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
