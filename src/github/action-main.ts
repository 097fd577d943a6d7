/**
 * The GitHub Action's entry (action.yml → action/index.mjs, bundled by `npm run build:action`):
 * the action's inputs → `shipgate review --github` with the gates. Config: defaults, then the
 * repository's `.shipgate.yaml` (or the `config` input), then these inputs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { prepareCliReview } from '../cli/commands/review-run.js';
import { createCliContext } from '../cli/context.js';
import { processEnv } from '../config/env.js';
import { ExitCode, toShipgateError } from '../errors.js';
import { severities, type Severity } from '../gates/types.js';
import { reviewFormats, type ReviewFormat } from '../review/format/index.js';
import { runGithubReview } from './run-github-review.js';

const version = '0.1.0';

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = core.getInput(name) || fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`input ${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}

async function main(): Promise<number> {
  const env = processEnv();
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const explicit = core.getInput('config');
  const repoConfig = join(workspace, '.shipgate.yaml');
  const configPath = explicit || (existsSync(repoConfig) ? repoConfig : undefined);
  const token = core.getInput('github-token') || env.GITHUB_TOKEN || '';
  const mode = choice('mode', ['advisory', 'blocking'] as const, 'blocking');
  const ctx = createCliContext(
    { env: { ...env, GITHUB_TOKEN: token, INPUT_MODE: mode }, cwd: workspace },
    () => configPath,
  );
  const gates = core.getInput('gates');
  const prepared = await prepareCliReview(ctx, {
    failOn: choice<Severity>('fail-on', severities, 'high'),
    gates: gates
      ? gates
          .split(',')
          .map((g) => g.trim())
          .filter(Boolean)
      : undefined,
    model: false,
  });
  const format = choice<ReviewFormat>('format', reviewFormats, 'markdown');
  return runGithubReview(ctx, prepared, { format, toolVersion: version });
}

main().then(
  (code) => {
    process.exitCode = code;
    if (code !== ExitCode.Ok) core.setFailed('shipgate review found issues at or above fail-on');
  },
  (thrown: unknown) => {
    core.setFailed(toShipgateError(thrown).message);
    process.exitCode = ExitCode.Usage;
  },
);
