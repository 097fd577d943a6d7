import type { PreloadReport } from './report-channel.js';
import type { SandboxVerdict } from './types.js';

/** Everything observed about one finished (or killed) child process. */
export interface RunFacts {
  timedOut: boolean;
  timeoutMs: number;
  memoryMb: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  spawnError?: string;
  report: PreloadReport;
  stderrTail: string;
}

export interface VerdictDecision {
  verdict: SandboxVerdict;
  failedAssertions: number;
  reason?: string;
}

const outOfMemory = /JavaScript heap out of memory|Reached heap limit/;

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}

function exitReason(facts: RunFacts): string {
  const error = facts.report.exit?.error;
  if (facts.signal !== null) {
    if (outOfMemory.test(facts.stderrTail))
      return `memory limit exceeded (${facts.memoryMb} MB heap)`;
    return `killed by ${facts.signal}${facts.stderrTail ? `: ${lastLine(facts.stderrTail)}` : ''}`;
  }
  const cause = error ?? (facts.stderrTail ? lastLine(facts.stderrTail) : 'no output');
  return `exited with code ${facts.exitCode}: ${cause}`;
}

/**
 * The verdict rules (docs/sandbox.md): timeout when we killed it; error when the
 * program never started (our infrastructure failed); fail on a signal, a non-zero exit,
 * an uncaught exception or unhandled rejection, any failed console.assert, or a missing
 * exit report (the program tampered with the report channel); pass otherwise.
 */
export function decideVerdict(facts: RunFacts): VerdictDecision {
  const { report } = facts;
  const failedAssertions = report.exit?.failedAssertions ?? (report.assertFailed ? 1 : 0);
  if (facts.timedOut) {
    return {
      verdict: 'timeout',
      failedAssertions,
      reason: `did not finish within ${facts.timeoutMs} ms`,
    };
  }
  if (facts.spawnError !== undefined) {
    return {
      verdict: 'error',
      failedAssertions,
      reason: `could not start the sandbox: ${facts.spawnError}`,
    };
  }
  if (!report.started) {
    const detail = facts.stderrTail ? `: ${lastLine(facts.stderrTail)}` : '';
    return {
      verdict: 'error',
      failedAssertions,
      reason: `the sandboxed runtime did not start${detail}`,
    };
  }
  if (facts.signal !== null || facts.exitCode !== 0) {
    return { verdict: 'fail', failedAssertions, reason: exitReason(facts) };
  }
  if (failedAssertions > 0) {
    return {
      verdict: 'fail',
      failedAssertions,
      reason: `${failedAssertions} console.assert call(s) failed`,
    };
  }
  if (!report.exit) {
    return {
      verdict: 'fail',
      failedAssertions,
      reason:
        'the program exited without the sandbox exit report (exit listeners removed or fd 3 closed)',
    };
  }
  return { verdict: 'pass', failedAssertions };
}
