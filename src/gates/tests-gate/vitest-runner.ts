import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { minimalHostEnv, runHostCommand } from '../../sandbox/host-command.js';
import { firstLine, type RunnerInput, type TestFailure, type TestRunOutcome } from './outcome.js';

const jsonReport = z.object({
  testResults: z.array(
    z.object({
      name: z.string(),
      status: z.string().optional(),
      message: z.string().optional(),
      assertionResults: z.array(
        z.object({
          fullName: z.string(),
          status: z.string(),
          failureMessages: z.array(z.string()).nullish(),
          location: z.object({ line: z.number() }).nullish(),
        }),
      ),
    }),
  ),
});

const coverageSummary = z.record(
  z.string(),
  z.object({ lines: z.object({ pct: z.union([z.number(), z.string()]) }) }),
);

async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  try {
    const result = schema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function failuresOf(report: z.infer<typeof jsonReport>): { ran: number; failures: TestFailure[] } {
  const failures: TestFailure[] = [];
  let ran = 0;
  for (const file of report.testResults) {
    for (const test of file.assertionResults) {
      if (test.status !== 'passed' && test.status !== 'failed') continue;
      ran += 1;
      if (test.status === 'failed') {
        const message = firstLine(test.failureMessages?.[0] ?? 'failed');
        failures.push({
          file: file.name,
          line: test.location?.line ?? 1,
          name: test.fullName,
          message,
        });
      }
    }
    if (file.assertionResults.length === 0 && file.status === 'failed') {
      failures.push({
        file: file.name,
        line: 1,
        name: 'test file',
        message: firstLine(file.message ?? 'failed to load'),
      });
    }
  }
  return { ran, failures };
}

/** Runs the project's own vitest on the test files, with v8 coverage of the changed sources when installed. */
export async function runVitest(input: RunnerInput): Promise<TestRunOutcome> {
  const results = join(input.scratch, 'vitest.json');
  const reports = join(input.scratch, 'coverage');
  const withCoverage = existsSync(join(input.root, 'node_modules', '@vitest', 'coverage-v8'));
  const coverageArgs = withCoverage
    ? [
        '--coverage.enabled',
        '--coverage.provider=v8',
        '--coverage.reporter=json-summary',
        '--coverage.reportOnFailure',
        `--coverage.reportsDirectory=${reports}`,
        ...input.sources.map((s) => `--coverage.include=${relative(input.root, s)}`),
      ]
    : [];
  const run = await runHostCommand({
    command: join(input.root, 'node_modules', '.bin', 'vitest'),
    args: [
      'run',
      '--reporter=json',
      `--outputFile=${results}`,
      ...coverageArgs,
      ...input.tests.map((t) => relative(input.root, t)),
    ],
    cwd: input.root,
    env: minimalHostEnv({ NODE_ENV: 'test' }),
    timeoutMs: input.timeoutMs,
    signal: input.signal,
    isolation: input.isolation,
  });
  const report = await readJson(results, jsonReport);
  const summary = withCoverage
    ? await readJson(join(reports, 'coverage-summary.json'), coverageSummary)
    : undefined;
  const coverage = summary
    ? new Map(
        Object.entries(summary)
          .filter(([key]) => key !== 'total')
          .map(([key, value]) => [key, Number(value.lines.pct)]),
      )
    : undefined;
  const outcome: TestRunOutcome = {
    runner: 'vitest',
    ran: 0,
    failures: [],
    coverage,
    ...(report ? failuresOf(report) : {}),
  };
  if (run.timedOut)
    return { ...outcome, error: `vitest did not finish within ${input.timeoutMs} ms` };
  if (!report)
    return {
      ...outcome,
      error: `vitest produced no results: ${firstLine(run.stderr || run.stdout)}`,
    };
  return outcome;
}
