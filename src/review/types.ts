import { z } from 'zod';
import { severities, type Severity } from '../gates/types.js';

/** One review finding: the Review JSON contract of DESIGN.md. */
export interface ReviewFinding {
  /** Hash of rule, file and the normalised code (never the line number). */
  fingerprint: string;
  file: string;
  line: number;
  endLine?: number;
  severity: Severity;
  category: string;
  cwe?: string;
  rule: string;
  source: 'gate' | 'model';
  message: string;
  suggestion?: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ReviewCoverage {
  filesChanged: number;
  filesReviewed: number;
  skipped: SkippedFile[];
}

/** The `review` JSON contract plus the model-review notes (extra keys only). */
export interface ReviewResult {
  passed: boolean;
  base: string | null;
  head: string | null;
  coverage: ReviewCoverage;
  findings: ReviewFinding[];
  /** True when some file, hunk or model pass was skipped: the summary's first line says so. */
  partial?: boolean;
  /** Gate problems, ignore-file problems and model notes, for the summary. */
  notes?: string[];
  /** Severity at or above which `passed` is false. */
  failOn?: Severity;
  /** Findings the model made that are not on a diff line (shown in the summary only). */
  offDiff?: ReviewFinding[];
  /** What the model pass did, when one ran. */
  model?: { alias: string | null; chunks: number; chunksReviewed: number; notes: string[] };
}

export const severitySchema = z.enum(severities);

/** Sorted for stable output: file, line, rule. */
export function compareReviewFindings(a: ReviewFinding, b: ReviewFinding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule);
}
