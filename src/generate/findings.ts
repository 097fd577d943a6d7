import type { GatesConfig } from '../config/gates-schema.js';
import { pipelineRules } from '../gates/run-gate.js';
import { severityRank, type Severity } from '../gates/types.js';
import type { ValidationReport } from '../gates/validation-report.js';
import type { GenerateFinding } from './types.js';

const alwaysBlocking: ReadonlySet<string> = new Set(Object.values(pipelineRules));

function thresholdFor(config: GatesConfig, gate: string): Severity {
  const settings = (config as unknown as Record<string, unknown>)[gate];
  if (settings && typeof settings === 'object' && 'blocking' in settings) {
    const blocking = (settings as { blocking: unknown }).blocking;
    if (typeof blocking === 'string' && blocking in severityRank) return blocking as Severity;
  }
  return 'medium';
}

/**
 * Flattens a validation report into findings with their file, each marked blocking
 * when it is at or above its gate's threshold (the pipeline's own rule) — those are
 * what failed the attempt and what the model must fix.
 */
export function findingsFromReport(
  report: ValidationReport,
  config: GatesConfig,
): GenerateFinding[] {
  const out: GenerateFinding[] = [];
  for (const file of report.files) {
    for (const finding of file.findings) {
      const threshold = thresholdFor(config, finding.gate);
      const blocking =
        alwaysBlocking.has(finding.rule) ||
        severityRank[finding.severity] >= severityRank[threshold];
      out.push({ ...finding, file: file.file, blocking });
    }
  }
  return out;
}

/** Identity of a finding for stuck detection: file, gate, rule and message without positions. */
export function findingKey(finding: GenerateFinding): string {
  const message = finding.message
    .replace(/\b(line|column|col)\s+\d+/gi, '$1 #')
    .replace(/:\d+(:\d+)?\b/g, ':#')
    .replace(/\s+/g, ' ')
    .trim();
  return `${finding.file}\u0000${finding.gate}\u0000${finding.rule}\u0000${message}`;
}

/**
 * True when two attempts' blocking findings are the same set (ignoring lines and
 * counts): the model did not move, and another attempt would cost without helping.
 */
export function sameFindings(previous: GenerateFinding[], current: GenerateFinding[]): boolean {
  const before = new Set(previous.filter((f) => f.blocking).map(findingKey));
  const now = new Set(current.filter((f) => f.blocking).map(findingKey));
  if (now.size === 0 || before.size !== now.size) return false;
  for (const key of now) if (!before.has(key)) return false;
  return true;
}
