import type { GateSummary } from '../gates/validation-report.js';
import { findingsFromReport } from './findings.js';
import { parseModelOutput } from './parse-output.js';
import { runGeneratedTests } from './test-run.js';
import type {
  AttemptRecord,
  AttemptVerdict,
  GeneratedFile,
  GenerateDeps,
  GenerateFinding,
  ProgressEvent,
} from './types.js';

export interface EvaluationContext {
  deps: GenerateDeps;
  root: string;
  targetFile?: string;
  withTests: boolean;
  gates?: string[];
  signal?: AbortSignal;
  attempt: number;
  onProgress: (event: ProgressEvent) => void;
}

export interface Evaluation {
  verdict: AttemptVerdict;
  files: GeneratedFile[];
  findings: GenerateFinding[];
  gates: GateSummary[];
  tests?: AttemptRecord['tests'];
}

function noCodeFinding(): GenerateFinding {
  return {
    file: '(answer)',
    gate: 'generate',
    rule: 'no-code',
    severity: 'high',
    message: 'The answer contained no code block.',
    line: 1,
    blocking: true,
  };
}

/**
 * Judges one answer: parse it into files, validate them all in memory against the
 * project (the gates), then — when tests are wanted — run implementation + tests in
 * the sandbox. Every blocking finding fails the attempt.
 */
export async function evaluateAnswer(text: string, ctx: EvaluationContext): Promise<Evaluation> {
  const { deps, root, signal, attempt } = ctx;
  const parsed = parseModelOutput(text, {
    root,
    targetFile: ctx.targetFile,
    withTests: ctx.withTests,
  });
  if (parsed.files.length === 0) {
    return {
      verdict: 'no-code',
      files: [],
      findings: [noCodeFinding(), ...parsed.findings],
      gates: [],
    };
  }
  ctx.onProgress({ type: 'validating', attempt, files: parsed.files.map((f) => f.path) });
  const report = await deps.validator.validate(
    { root, files: parsed.files, gates: ctx.gates, config: deps.gatesConfig },
    signal,
  );
  const findings = [...parsed.findings, ...findingsFromReport(report, deps.gatesConfig)];
  const gates = [...report.gates];
  let tests: AttemptRecord['tests'];
  if (ctx.withTests) {
    ctx.onProgress({ type: 'running-tests', attempt });
    const outcome = await runGeneratedTests(parsed.files, deps.sandbox, signal);
    findings.push(...outcome.findings);
    const verdict = outcome.result?.verdict ?? 'fail';
    const durationMs = outcome.result?.durationMs ?? 0;
    tests = { verdict, durationMs, failedAssertions: outcome.result?.failedAssertions ?? 0 };
    gates.push({
      gate: 'tests',
      verdict: outcome.findings.length === 0 ? 'pass' : 'fail',
      durationMs,
      findings: outcome.findings.length,
    });
  }
  const verdict = findings.some((f) => f.blocking) ? 'fail' : 'pass';
  return { verdict, files: parsed.files, findings, gates, tests };
}
