import type { SandboxIsolation } from '../../sandbox/types.js';

/** One failing test, located in its test file. */
export interface TestFailure {
  file: string;
  line: number;
  name: string;
  message: string;
}

/** What a runner produced, whichever runner it was. */
export interface TestRunOutcome {
  runner: 'vitest' | 'node:test';
  /** Number of tests that ran (passed + failed). */
  ran: number;
  failures: TestFailure[];
  /** Line coverage percentage per absolute source path; undefined when not measured. */
  coverage: Map<string, number> | undefined;
  /** Set when the runner itself broke (no parsable results). */
  error?: string;
}

export interface RunnerInput {
  root: string;
  tests: string[];
  sources: string[];
  timeoutMs: number;
  signal: AbortSignal;
  /** Scratch directory for reports; removed by the caller. */
  scratch: string;
  /** Namespaces to run the runner in (no network), when the host has them. */
  isolation: SandboxIsolation;
}

/** First meaningful line of an assertion message, bounded. */
export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.trim().slice(0, 300);
}
