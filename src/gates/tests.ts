import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ErrorCode, ShipgateError } from '../errors.js';
import { forgetTempDir, trackTempDir } from '../sandbox/child-groups.js';
import { detectIsolation } from '../sandbox/isolation.js';
import type { SandboxIsolation } from '../sandbox/types.js';
import { findRelatedTests, isTestFile } from './tests-gate/find-tests.js';
import { runTestsInJail } from './tests-gate/jailed-runner.js';
import { runNodeTests } from './tests-gate/node-test-runner.js';
import type { RunnerInput, TestRunOutcome } from './tests-gate/outcome.js';
import { createOverlay, unsavedFiles, type Overlay } from './tests-gate/overlay.js';
import { runVitest } from './tests-gate/vitest-runner.js';
import {
  severityRank,
  type Finding,
  type Gate,
  type GateContext,
  type GateResult,
  type Severity,
} from './types.js';

const name = 'tests';
const defaultThreshold = 80;
const defaultTimeoutMs = 120_000;

async function usesVitest(root: string): Promise<boolean> {
  try {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const deps = {
      ...(pkg.dependencies as object | undefined),
      ...(pkg.devDependencies as object | undefined),
    };
    return 'vitest' in deps && existsSync(join(root, 'node_modules', '.bin', 'vitest'));
  } catch {
    return false;
  }
}

function numberOption(options: Record<string, unknown>, key: string, fallback: number): number {
  const value = options[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

interface MeasuredSource {
  /** The changed file in the real project. */
  path: string;
  /** Where the runner saw it (differs from `path` when running in an overlay). */
  runPath: string;
}

function findingsOf(
  outcome: TestRunOutcome,
  sources: MeasuredSource[],
  threshold: number,
  overlay?: Overlay,
): Finding[] {
  const findings: Finding[] = outcome.failures.map((failure) => ({
    gate: name,
    rule: 'test-failed',
    severity: 'high',
    file: overlay ? overlay.toReal(failure.file) : failure.file,
    line: failure.line,
    message: `${failure.name}: ${failure.message}`,
  }));
  if (!outcome.coverage) return findings;
  for (const source of sources) {
    const measured = outcome.coverage.get(source.runPath) ?? 0;
    if (measured >= threshold) continue;
    findings.push({
      gate: name,
      rule: 'coverage-below-threshold',
      severity: 'medium',
      file: source.path,
      line: 1,
      message: `line coverage ${measured.toFixed(1)}% is below the ${threshold}% threshold (gates.tests.coverageThreshold)`,
      fix: 'add tests that exercise the uncovered lines',
    });
  }
  return findings;
}

async function runTests(input: RunnerInput): Promise<TestRunOutcome> {
  return (await usesVitest(input.root)) ? runVitest(input) : runNodeTests(input);
}

function verdictOf(findings: Finding[], options: Record<string, unknown>): 'pass' | 'fail' {
  const blocking = (options.blocking as Severity | undefined) ?? 'medium';
  const fails = findings.some((f) => severityRank[f.severity] >= (severityRank[blocking] ?? 2));
  return fails ? 'fail' : 'pass';
}

/**
 * Untrusted input (HTTP, generated code): only the submitted test files run, inside the
 * sandbox jail with only the submitted files beside them; the host project's tests and
 * files are never involved. Coverage is not measured there.
 */
async function runUntrusted(
  ctx: GateContext,
  signal: AbortSignal,
  isolation: SandboxIsolation,
): Promise<Omit<GateResult, 'gate' | 'durationMs'>> {
  const tests = ctx.files.filter((file) => isTestFile(file.path));
  if (tests.length === 0)
    return { verdict: 'skip', findings: [], reason: 'no test files among the submitted files' };
  const outcome = await runTestsInJail({
    root: ctx.root,
    files: ctx.files,
    timeoutMs: numberOption(ctx.options, 'timeoutMs', defaultTimeoutMs),
    signal,
    isolation,
  });
  if (signal.aborted) throw new ShipgateError(ErrorCode.Aborted, 'The tests gate was cancelled.');
  if (outcome.error !== undefined && outcome.failures.length === 0) throw new Error(outcome.error);
  const findings = findingsOf(outcome, [], 0);
  const reason = `node:test in the sandbox jail: ${outcome.ran} test(s) in ${tests.length} file(s); coverage not measured for untrusted input`;
  return { verdict: verdictOf(findings, ctx.options), findings, reason };
}

/**
 * The `tests` gate: runs the project's tests that touch the changed files (neighbours
 * by name, `__tests__/`, or importers) with the project's runner (its vitest, else
 * node:test) and coverage of the changed files. No related tests → `skip`.
 */
export function createTestsGate(): Gate {
  let isolation: Promise<SandboxIsolation> | undefined;
  return {
    name,
    description: 'runs the tests related to the changed files, with line coverage of those files',
    appliesTo: (path) => /\.[cm]?[jt]sx?$/.test(path),
    async run(ctx: GateContext, signal: AbortSignal): Promise<GateResult> {
      const started = performance.now();
      const done = (result: Omit<GateResult, 'gate' | 'durationMs'>): GateResult => ({
        gate: name,
        durationMs: Math.round(performance.now() - started),
        ...result,
      });
      isolation ??= detectIsolation();
      if (ctx.trust !== 'project') return done(await runUntrusted(ctx, signal, await isolation));
      const related = await findRelatedTests(
        ctx.root,
        ctx.files.map((file) => file.path),
      );
      if (related.tests.length === 0) {
        return done({
          verdict: 'skip',
          findings: [],
          reason: 'no tests found for the changed files',
        });
      }
      const unsaved = await unsavedFiles(ctx.files);
      const overlay = unsaved.length > 0 ? await createOverlay(ctx.root, unsaved) : undefined;
      const scratch = await mkdtemp(join(tmpdir(), 'shipgate-tests-scratch-'));
      trackTempDir(scratch);
      try {
        const inRoot = (path: string) =>
          overlay ? join(overlay.root, relative(ctx.root, path)) : path;
        const sources = related.sources.map((path) => ({ path, runPath: inRoot(path) }));
        const outcome = await runTests({
          root: overlay?.root ?? ctx.root,
          tests: related.tests.map(inRoot),
          sources: sources.map((s) => s.runPath),
          timeoutMs: numberOption(ctx.options, 'timeoutMs', defaultTimeoutMs),
          signal,
          scratch,
          isolation: await isolation,
        });
        if (signal.aborted)
          throw new ShipgateError(ErrorCode.Aborted, 'The tests gate was cancelled.');
        if (outcome.error !== undefined && outcome.failures.length === 0)
          throw new Error(outcome.error);
        const threshold = numberOption(ctx.options, 'coverageThreshold', defaultThreshold);
        const findings = findingsOf(outcome, sources, threshold, overlay);
        const reason = `${outcome.runner}: ${outcome.ran} test(s) in ${related.tests.length} file(s)`;
        return done({ verdict: verdictOf(findings, ctx.options), findings, reason });
      } finally {
        await rm(scratch, { recursive: true, force: true });
        forgetTempDir(scratch);
        await overlay?.dispose();
      }
    },
  };
}
