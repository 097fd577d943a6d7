import type { Finding, GateVerdict } from './types.js';

/** A finding as reported: the `validate` JSON contract keys plus the optional fix hint. */
export type ReportedFinding = Omit<Finding, 'file'>;

export interface FileReport {
  /** Path relative to the project root (posix separators), absolute when outside it. */
  file: string;
  /** False when the file has at least one blocking finding. */
  passed: boolean;
  /** Sorted by line, then column. */
  findings: ReportedFinding[];
}

/** What one gate did, beyond its findings (extra information, not in the JSON contract). */
export interface GateSummary {
  gate: string;
  verdict: GateVerdict;
  durationMs: number;
  /** Why it was skipped, timed out or errored. */
  reason?: string;
  /** Number of findings it reported. */
  findings: number;
}

/** The `validate` JSON contract (DESIGN.md) plus per-gate summaries. */
export interface ValidationReport {
  passed: boolean;
  files: FileReport[];
  gates: GateSummary[];
}
