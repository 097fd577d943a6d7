import { severities } from '../../gates/types.js';
import type { ReviewResult } from '../types.js';

/** The report's first line: verdict, counts by severity, and "partial" when anything was left out. */
export function summaryLine(result: ReviewResult): string {
  const counts = severities
    .map(
      (severity) =>
        [severity, result.findings.filter((f) => f.severity === severity).length] as const,
    )
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity}`);
  const verdict = result.passed
    ? 'passed'
    : `failed (findings at or above ${result.failOn ?? 'high'})`;
  const found =
    result.findings.length === 0
      ? 'no findings on changed lines'
      : `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} (${counts.join(', ')})`;
  const { filesReviewed, filesChanged } = result.coverage;
  const partial = result.partial ? 'partial review: ' : '';
  return `shipgate review: ${partial}${verdict}, ${found}; ${filesReviewed} of ${filesChanged} changed files reviewed`;
}
