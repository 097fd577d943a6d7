import picocolors from 'picocolors';
import type { Severity } from '../types.js';
import type { FileReport, ReportedFinding, ValidationReport } from '../validation-report.js';
import { findingCount, plural, severityCounts } from './summary.js';

type Colors = ReturnType<typeof picocolors.createColors>;

export interface TextReportOptions {
  /** Colour the output (stdout is a TTY and NO_COLOR is not set). */
  color: boolean;
  /** Content of a reported file (by its report path), to show the offending line. */
  source?: (file: string) => string | undefined;
}

function paint(c: Colors, severity: Severity, text: string): string {
  if (severity === 'critical' || severity === 'high') return c.red(text);
  if (severity === 'medium') return c.yellow(text);
  return c.dim(text);
}

function codeExcerpt(c: Colors, lines: string[] | undefined, finding: ReportedFinding): string[] {
  const code = lines?.[finding.line - 1];
  if (code === undefined || code.trim() === '') return [];
  const number = String(finding.line);
  const gutter = ' '.repeat(number.length);
  const shown = code.replace(/\t/g, '  ');
  const out = [`    ${c.dim(`${number} |`)} ${shown}`];
  if (finding.column !== undefined) {
    const before = code.slice(0, finding.column - 1).replace(/\t/g, '  ');
    out.push(`    ${c.dim(`${gutter} |`)} ${' '.repeat(before.length)}${c.red('^')}`);
  }
  return out;
}

function renderFile(c: Colors, file: FileReport, options: TextReportOptions): string[] {
  const mark = file.passed ? c.green('✔') : c.red('✖');
  const out = [`${mark} ${c.bold(file.file)}`];
  const lines = file.findings.length > 0 ? options.source?.(file.file)?.split(/\r?\n/) : undefined;
  for (const finding of file.findings) {
    const where = `${finding.line}:${finding.column ?? 1}`;
    const cwe = finding.cwe ? ` ${finding.cwe}` : '';
    out.push(
      `  ${c.dim(where.padEnd(7))} ${paint(c, finding.severity, finding.severity.padEnd(8))} ${finding.message} ${c.dim(`${finding.gate}/${finding.rule}${cwe}`)}`,
    );
    out.push(...codeExcerpt(c, lines, finding));
    if (finding.fix) out.push(`    ${c.cyan('fix:')} ${finding.fix}`);
  }
  return out;
}

/** Human-readable report grouped by file, with the offending line and a caret. */
export function renderText(report: ValidationReport, options: TextReportOptions): string {
  const c = picocolors.createColors(options.color);
  const out: string[] = [];
  for (const file of report.files) out.push(...renderFile(c, file, options));
  const gates = report.gates
    .map((g) => {
      const verdict =
        g.verdict === 'fail'
          ? c.red(g.verdict)
          : g.verdict === 'pass'
            ? c.green(g.verdict)
            : c.dim(g.verdict);
      return `${g.gate} ${verdict} ${Math.round(g.durationMs)}ms${g.reason ? ` (${g.reason})` : ''}`;
    })
    .join(', ');
  const failedFiles = report.files.filter((f) => !f.passed).length;
  const counts = severityCounts(report);
  out.push('');
  out.push(`gates: ${gates || 'none ran'}`);
  out.push(
    `${plural(report.files.length, 'file')}, ${failedFiles} failed, ${plural(findingCount(report), 'finding')}${counts ? ` (${counts})` : ''}`,
  );
  out.push(report.passed ? c.green(c.bold('PASSED')) : c.red(c.bold('FAILED')));
  return `${out.join('\n')}\n`;
}
