import type { ReviewFinding, ReviewResult } from '../types.js';
import { summaryLine } from './summary-line.js';

const icon: Record<string, string> = {
  critical: '🛑',
  high: '🔴',
  medium: '🟠',
  low: '🟡',
  info: '🔵',
};

/** Markdown table cells: no pipes or line breaks from findings' text. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function row(finding: ReviewFinding): string {
  const where = `\`${cell(finding.file)}:${finding.line}\``;
  const rule = finding.cwe ? `${finding.rule} (${finding.cwe})` : finding.rule;
  return `| ${icon[finding.severity] ?? ''} ${finding.severity} | ${where} | ${cell(rule)} | ${cell(finding.message)} |`;
}

function details(finding: ReviewFinding): string {
  const lines = [
    `<details><summary>${finding.severity}: ${cell(finding.rule)} at ${cell(finding.file)}:${finding.line}</summary>`,
    '',
    finding.message,
  ];
  if (finding.suggestion) lines.push('', `**Suggestion:** ${finding.suggestion}`);
  lines.push(
    '',
    `Source: ${finding.source} · fingerprint \`${finding.fingerprint}\``,
    '',
    '</details>',
  );
  return lines.join('\n');
}

function table(findings: ReviewFinding[]): string[] {
  if (findings.length === 0) return [];
  return ['| severity | where | rule | message |', '|---|---|---|---|', ...findings.map(row), ''];
}

/** The review as Markdown: summary line, a findings table, details collapsed, coverage. */
export function renderReviewMarkdown(result: ReviewResult): string {
  const out = [`**${summaryLine(result)}**`, ''];
  out.push(...table(result.findings));
  if (result.findings.length > 0) out.push(...result.findings.map(details), '');
  if (result.offDiff && result.offDiff.length > 0) {
    out.push('Model findings outside the diff (not posted inline):', '', ...table(result.offDiff));
  }
  const { skipped } = result.coverage;
  if (skipped.length > 0) {
    out.push(`<details><summary>${skipped.length} skipped</summary>`, '');
    out.push(...skipped.map((s) => `- \`${s.file}\`: ${s.reason}`), '', '</details>', '');
  }
  if (result.notes && result.notes.length > 0) out.push(...result.notes.map((n) => `> ${n}`), '');
  return `${out.join('\n').trimEnd()}\n`;
}
