import type { Command } from 'commander';
import { Option } from 'commander';
import { ErrorCode, ExitCode, ShipgateError } from '../../errors.js';
import { severities, type Severity } from '../../gates/types.js';
import { reviewFormats, type ReviewFormat } from '../../review/format/index.js';
import { action } from '../action.js';
import type { CliContext } from '../context.js';
import { formatOption } from '../options.js';
import { readProcessStdin, readTextInput, type ReadStdin } from './text-input.js';

export interface ReviewOptions {
  base?: string;
  head?: string;
  diff?: string;
  gates?: string;
  model?: string | false;
  failOn: Severity;
  format: ReviewFormat;
  github?: boolean;
  root?: string;
}

function parseGates(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0)
    throw new ShipgateError(
      ErrorCode.BadRequest,
      '--gates needs at least one gate name, e.g. --gates security,lint',
    );
  return names;
}

function checkSources(opts: ReviewOptions): void {
  if (opts.github) return;
  if (opts.diff !== undefined && (opts.base !== undefined || opts.head !== undefined))
    throw new ShipgateError(
      ErrorCode.BadRequest,
      'pass either --diff FILE|- or --base REF [--head REF], not both',
    );
  if (opts.diff === undefined && opts.base === undefined)
    throw new ShipgateError(
      ErrorCode.BadRequest,
      'nothing to review: pass --base REF --head REF (git), --diff FILE or --diff - (a unified diff), or --github',
    );
  if (opts.head !== undefined && opts.base === undefined)
    throw new ShipgateError(
      ErrorCode.BadRequest,
      '--head needs --base (the commit to compare with)',
    );
}

/** Loads the service, the gates and (when configured) the model, and reviews the diff. */
async function review(
  ctx: CliContext,
  opts: ReviewOptions,
  readStdin: ReadStdin,
  version: string,
): Promise<number> {
  checkSources(opts);
  const gates = parseGates(opts.gates);
  const { prepareCliReview } = await import('./review-run.js');
  const prepared = await prepareCliReview(ctx, {
    gates,
    diffText:
      opts.diff === undefined ? undefined : await readTextInput(opts.diff, ctx.cwd, readStdin),
    base: opts.base,
    head: opts.head,
    root: opts.root,
    model: opts.model,
    failOn: opts.failOn,
  });
  if (opts.github) {
    const { runGithubReview } = await import('../../github/run-github-review.js');
    return runGithubReview(ctx, prepared, { format: opts.format, toolVersion: version });
  }
  const result = await prepared.run();
  const { renderReview } = await import('../../review/format/index.js');
  ctx.stdout.write(
    renderReview(opts.format, result, { root: prepared.root, toolVersion: version }),
  );
  return result.passed ? ExitCode.Ok : ExitCode.Failed;
}

const help = `
Findings are kept only on lines the diff adds or changes (and security flows the diff
introduces). Style-only lint rules are low/info in a review; medium and above means a
likely bug or vulnerability. Fingerprints hash rule, file and code, never the line.

Exit codes: 0 no finding at or above --fail-on, 1 there is one, 2 usage or configuration error.

Examples:
  shipgate review --base origin/main --head HEAD
  git diff main... | shipgate review --diff - --format json
  shipgate review --base main --head feature --format sarif > review.sarif
  shipgate review --diff pr.diff --fail-on medium --no-model
  shipgate review --github            # in a GitHub Action: posts the review (docs/review.md)`;

export function registerReviewCommand(
  program: Command,
  ctx: CliContext,
  readStdin: ReadStdin = readProcessStdin,
): void {
  program
    .command('review')
    .description(
      'review a diff: gates on the changed lines (+ a model when configured), fingerprinted findings',
    )
    .option('--base <ref>', 'git revision to compare with (the pull request base)')
    .option('--head <ref>', 'git revision to review (default: the working tree)')
    .option(
      '--diff <file>',
      'a unified diff to review, or - for stdin (head files are read from --root)',
    )
    .option(
      '--gates <names>',
      'comma-separated gates to run (default: every gate enabled in config)',
    )
    .option('--model <alias>', 'model alias for the model review (default: routing.tasks.review)')
    .option('--no-model', 'gates only, even when a model is configured')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 at or above this severity')
        .choices(severities)
        .default('high'),
    )
    .addOption(formatOption(reviewFormats, 'markdown'))
    .option('--github', 'run as the GitHub Action: read the pull request event and post the review')
    .option('--root <dir>', 'project root (default: the git top level, else the current directory)')
    .addHelpText('after', help)
    .action(
      action(ctx, (opts: ReviewOptions) =>
        review(ctx, opts, readStdin, program.version() ?? '0.0.0'),
      ),
    );
}
