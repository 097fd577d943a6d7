/**
 * The gate contract (CONVENTIONS.md habit 2). A gate inspects files and returns a
 * verdict with findings; it never throws for findings, only when the gate itself broke.
 */
export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];

/** Rank for threshold comparisons: higher is worse. */
export const severityRank: Record<Severity, number> = {
  info: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

/** One finding, exactly the `validate` JSON contract of DESIGN.md plus an optional fix hint. */
export interface Finding {
  gate: string;
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  endLine?: number;
  column?: number;
  /** Required on every security finding, e.g. "CWE-79". */
  cwe?: string;
  /** How to fix it, shown in reports and fed back to the model by the repair loop. */
  fix?: string;
  /** File the finding is in (the pipeline fills it from the gate input when absent). */
  file?: string;
  /**
   * Only on a `findings-truncated` marker a worker sends instead of the findings it left
   * out (finding-cap.ts): how many. The pipeline folds it into its own count; never reported.
   */
  omitted?: number;
}

/** A file to check: on disk, or in memory (generated code not yet written). */
export interface SourceFile {
  /** Absolute path (in-memory files get a path under the project root too). */
  path: string;
  content: string;
}

/**
 * Whose input this is. `project`: files of the user's own project on their machine (the
 * CLI): the project's configs and tools are honoured and its tests run with its runner.
 * `untrusted`: anything a client sent over HTTP or a model wrote: no project config is
 * loaded and nothing submitted runs outside the sandbox jail. Absent means untrusted.
 */
export type Trust = 'project' | 'untrusted';

export interface GateContext {
  /** Project root: its tsconfig.json, ESLint config and package.json are honoured. */
  root: string;
  /** Files to check. In-memory content overrides what is on disk at the same path. */
  files: SourceFile[];
  /** Gate-specific settings from config (`gates.<name>`), already validated. */
  options: Record<string, unknown>;
  /** Only `project` input may load project configs or run on the host; absent = untrusted. */
  trust?: Trust;
}

export type GateVerdict = 'pass' | 'fail' | 'skip';

export interface GateResult {
  gate: string;
  verdict: GateVerdict;
  findings: Finding[];
  durationMs: number;
  /** Why the gate was skipped (e.g. "bandit is not installed"). */
  reason?: string;
}

export interface Gate {
  readonly name: string;
  /** One line for `--help` and reports. */
  readonly description: string;
  /** Files this gate looks at; others are ignored by it. */
  appliesTo(path: string): boolean;
  run(ctx: GateContext, signal: AbortSignal): Promise<GateResult>;
  /** Optional: start expensive set-up for a project root before the first run (cold start). */
  prewarm?(root: string, trust?: Trust): void;
  /** Optional: release threads or processes the gate holds (its owner calls it when done). */
  close?(): Promise<void>;
}
