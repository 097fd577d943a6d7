import type { Severity } from '../types.js';
import type { ValidationReport } from '../validation-report.js';
import { findingCount, plural, severityCounts } from './summary.js';

const marker: Record<Severity, string> = {
  critical: '🔴',
  high: '🔴',
  medium: '🟠',
  low: '🟡',
  info: 'ℹ️',
};

/** Makes text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function statusLine(report: ValidationReport): string {
  const failed = report.files.filter((f) => !f.passed).length;
  const counts = severityCounts(report);
  const detail = `${plural(report.files.length, 'file')}, ${failed} failed, ${plural(findingCount(report), 'finding')}${counts ? ` (${counts})` : ''}`;
  return report.passed
    ? `## ✅ shipgate: gates passed\n\n${detail}`
    : `## ❌ shipgate: gates failed\n\n${detail}`;
}

function gatesTable(report: ValidationReport): string[] {
  if (report.gates.length === 0) return [];
  const icon = { pass: '✅', fail: '❌', skip: '⏭️' } as const;
  const rows = report.gates.map(
    (g) =>
      `| ${g.gate} | ${icon[g.verdict]} ${g.verdict} | ${g.findings} | ${Math.round(g.durationMs)} ms | ${cell(g.reason ?? '')} |`,
  );
  return [
    '### Gates',
    '',
    '| gate | verdict | findings | time | note |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ];
}

function filesSection(report: ValidationReport): string[] {
  const out: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    out.push(`### ${file.passed ? '✅' : '❌'} \`${file.file}\``, '');
    out.push('| | line | gate | rule | message |', '|---|---|---|---|---|');
    for (const f of file.findings) {
      const rule = f.cwe ? `${f.rule} (${f.cwe})` : f.rule;
      const message = f.fix ? `${f.message} _Fix: ${f.fix}_` : f.message;
      out.push(
        `| ${marker[f.severity]} ${f.severity} | ${f.line} | ${f.gate} | \`${cell(rule)}\` | ${cell(message)} |`,
      );
    }
    out.push('');
  }
  return out;
}

/** Markdown for PR comments and job summaries: status line, per-gate table, per-file findings. */
export function renderMarkdown(report: ValidationReport): string {
  return `${[statusLine(report), '', ...gatesTable(report), ...filesSection(report)].join('\n').trimEnd()}\n`;
}
