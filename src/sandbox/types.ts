/** What the sandbox concluded about one program (the `sandbox` JSON contract of DESIGN.md). */
export type SandboxVerdict = 'pass' | 'fail' | 'timeout' | 'error';

export type SandboxLanguage = 'js' | 'ts';

/** How the program's source is loaded: CommonJS script, ES module, or guessed from the source. */
export type SandboxModuleKind = 'auto' | 'commonjs' | 'esm';

/**
 * The OS-level isolation available on this host, detected once per sandbox instance.
 * `namespaces`: the program runs in fresh user, network and PID namespaces (no network
 * interface but a downed loopback, cannot see or signal host processes).
 * `none`: only the Node permission model and the preload guard apply.
 */
export interface SandboxIsolation {
  namespaces: boolean;
  /** Absolute path of `unshare` when `namespaces` is true. */
  unsharePath?: string;
  /** Absolute path of `prlimit` (util-linux) when present: caps data segment, file size, core dumps. */
  prlimitPath?: string;
}

export interface SandboxOptions {
  code: string;
  language: SandboxLanguage;
  /** Wall-clock limit from spawn to exit; the process is SIGKILLed when it fires. Default 5000. */
  timeoutMs?: number;
  /** V8 old-space cap in MB; the data-segment rlimit is this plus a fixed headroom. Default 256. */
  memoryMb?: number;
  module?: SandboxModuleKind;
  /** Aborting kills the program and rejects with an `aborted` ShipgateError. */
  signal?: AbortSignal;
  /** Skip detection and use this isolation (tests, or callers that detected it already). */
  isolation?: SandboxIsolation;
}

export interface SandboxResult {
  verdict: SandboxVerdict;
  /** The program's exit code; null when it was killed by a signal or never started. */
  exitCode: number | null;
  durationMs: number;
  /** Number of `console.assert` calls whose condition was falsy. */
  failedAssertions: number;
  /** Last bytes of the program's stdout / stderr (bounded). */
  stdout: string;
  stderr: string;
  /** Why the verdict is not `pass`, in one line. */
  reason?: string;
}

/** The JSON fields `shipgate sandbox --format json` prints (the fixed contract). */
export interface SandboxContractResult {
  verdict: SandboxVerdict;
  exitCode: number | null;
  durationMs: number;
  failedAssertions: number;
}

export function toContractResult(result: SandboxResult): SandboxContractResult {
  return {
    verdict: result.verdict,
    exitCode: result.exitCode,
    durationMs: result.durationMs,
    failedAssertions: result.failedAssertions,
  };
}
