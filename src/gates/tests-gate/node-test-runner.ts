import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { minimalHostEnv, runHostCommand } from '../../sandbox/host-command.js';
import { firstLine, type RunnerInput, type TestFailure, type TestRunOutcome } from './outcome.js';

/** A node:test reporter printing one JSON line per pass, failure and coverage summary. */
export const reporterSource = `export default async function* reporter(source) {
  for await (const event of source) {
    const data = event.data || {};
    if (event.type === 'test:pass' && !data.skip && !data.todo) yield JSON.stringify({ type: 'pass' }) + '\\n';
    if (event.type === 'test:fail') {
      const error = (data.details && data.details.error) || {};
      const cause = error.cause && error.cause.message ? error.cause : error;
      yield JSON.stringify({ type: 'fail', name: data.name, file: data.file, line: data.line,
        failureType: error.failureType, message: String(cause.message || error.message || 'failed') }) + '\\n';
    }
    if (event.type === 'test:coverage') {
      const files = (data.summary && data.summary.files) || [];
      yield JSON.stringify({ type: 'coverage', files: files.map((f) => ({ path: f.path, pct: f.coveredLinePercent ?? f.coveredLinePercentage })) }) + '\\n';
    }
  }
}
`;

const line = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pass') }),
  z.object({
    type: z.literal('fail'),
    name: z.string(),
    file: z.string().optional(),
    line: z.number().optional(),
    failureType: z.string().optional(),
    message: z.string(),
  }),
  z.object({
    type: z.literal('coverage'),
    files: z.array(z.object({ path: z.string(), pct: z.number() })),
  }),
]);

function parseLine(text: string): z.infer<typeof line> | undefined {
  try {
    const result = line.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

export function parseNodeTestOutput(stdout: string): Omit<TestRunOutcome, 'runner'> {
  const failures: TestFailure[] = [];
  let ran = 0;
  let coverage: Map<string, number> | undefined;
  for (const text of stdout.split('\n')) {
    const event = text.startsWith('{') ? parseLine(text) : undefined;
    if (!event) continue;
    if (event.type === 'pass') ran += 1;
    else if (event.type === 'coverage') coverage = new Map(event.files.map((f) => [f.path, f.pct]));
    else if (event.failureType !== 'subtestsFailed') {
      ran += 1;
      failures.push({
        file: event.file ?? '',
        line: event.line ?? 1,
        name: event.name,
        message: firstLine(event.message),
      });
    }
  }
  return { ran, failures, coverage };
}

/** Runs `node --test --experimental-test-coverage` on the test files (TypeScript through the project's tsx). */
export async function runNodeTests(input: RunnerInput): Promise<TestRunOutcome> {
  const reporter = join(input.scratch, 'reporter.mjs');
  await writeFile(reporter, reporterSource);
  const tsx = join(input.root, 'node_modules', 'tsx');
  const loader =
    input.tests.some((t) => /\.[cm]?tsx?$/.test(t)) && existsSync(tsx) ? ['--import', 'tsx'] : [];
  const result = await runHostCommand({
    command: process.execPath,
    args: [
      ...loader,
      '--test',
      '--experimental-test-coverage',
      `--test-reporter=${reporter}`,
      ...input.tests,
    ],
    cwd: input.root,
    env: minimalHostEnv({ NODE_ENV: 'test' }),
    timeoutMs: input.timeoutMs,
    signal: input.signal,
    isolation: input.isolation,
  });
  const parsed = parseNodeTestOutput(result.stdout);
  const outcome: TestRunOutcome = { runner: 'node:test', ...parsed };
  if (result.timedOut)
    return { ...outcome, error: `node --test did not finish within ${input.timeoutMs} ms` };
  if (parsed.ran === 0 && result.exitCode !== 0) {
    return {
      ...outcome,
      error: `node --test failed without results: ${firstLine(result.stderr || result.stdout)}`,
    };
  }
  return outcome;
}
