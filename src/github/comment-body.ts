import type { ReviewFinding } from '../review/types.js';
import { fingerprintMarker, fitBody } from './markers.js';

/** An inline comment: severity, rule, message, suggestion, and the fingerprint marker last. */
export function inlineCommentBody(finding: ReviewFinding): string {
  const cwe = finding.cwe ? ` (${finding.cwe})` : '';
  const lines = [`**${finding.severity}** · \`${finding.rule}\`${cwe}`, '', finding.message];
  if (finding.suggestion) lines.push('', `**Suggestion:** ${finding.suggestion}`);
  lines.push(
    '',
    '<sub>Not a problem here? Reply `shipgate: ignore <reason>` and it will not be raised again.</sub>',
  );
  return fitBody(lines.join('\n'), fingerprintMarker(finding.fingerprint));
}

type AnnotationLevel = 'failure' | 'warning' | 'notice';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
}

/** A check-run annotation (GitHub caps message at 64 KB and title at 255 characters). */
export function annotationOf(finding: ReviewFinding): CheckAnnotation {
  const level: AnnotationLevel =
    finding.severity === 'critical' || finding.severity === 'high'
      ? 'failure'
      : finding.severity === 'medium'
        ? 'warning'
        : 'notice';
  const message = finding.suggestion
    ? `${finding.message}\n\nSuggestion: ${finding.suggestion}`
    : finding.message;
  return {
    path: finding.file,
    start_line: finding.line,
    end_line: Math.max(finding.line, finding.endLine ?? finding.line),
    annotation_level: level,
    title: `${finding.severity}: ${finding.rule}`.slice(0, 255),
    message: message.slice(0, 60_000),
  };
}
