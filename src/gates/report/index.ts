import type { ValidationReport } from '../validation-report.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export const reportFormats = ['text', 'json', 'sarif', 'markdown'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface RenderOptions {
  /** Absolute project root (SARIF artifact base). */
  root: string;
  toolVersion: string;
  /** Colour text output. */
  color?: boolean;
  /** Content of a reported file, by report path (text format shows the offending line). */
  source?: (file: string) => string | undefined;
}

/** Renders a validation report in one of the `--format` choices. */
export function renderReport(
  format: ReportFormat,
  report: ValidationReport,
  options: RenderOptions,
): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report, { root: options.root, toolVersion: options.toolVersion });
    case 'markdown':
      return renderMarkdown(report);
    case 'text':
      return renderText(report, { color: options.color ?? false, source: options.source });
  }
}
