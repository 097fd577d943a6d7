import { appendFile } from 'node:fs/promises';
import { ErrorCode, ExitCode, isShipgateError, ShipgateError } from '../errors.js';
import { parseUnifiedDiff } from '../review/diff.js';
import { renderReview, type ReviewFormat } from '../review/format/index.js';
import { renderReviewMarkdown } from '../review/format/markdown.js';
import type { ReviewResult } from '../review/types.js';
import { createGithubClient, type GithubClient, type GithubClientOptions } from './client.js';
import { readPullRequestContext, type PullRequestContext } from './event.js';
import { loadExistingState } from './existing.js';
import { publishReview, type PublishOutcome, type ReviewMode } from './publish.js';

/** What the review command hands over: how to get the diff and run the review. */
export interface GithubReviewer {
  root: string;
  diffOf(source: { base: string; head: string }): Promise<string>;
  run(source: { diffText: string; base: string; head: string }): Promise<ReviewResult>;
}

export interface GithubRunIo {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): void };
  stderr: { write(text: string): void };
}

export interface GithubRunOptions {
  format: ReviewFormat;
  toolVersion: string;
  /** Overrides for the Octokit client (tests shrink the write pacing). */
  client?: Partial<GithubClientOptions>;
}

function status(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error
    ? Number(error.status)
    : undefined;
}

/** The diff from git (needs fetch-depth: 0), else from the API's pull request .diff. */
async function pullRequestDiff(
  reviewer: GithubReviewer,
  pr: PullRequestContext,
  client: GithubClient | null,
): Promise<string> {
  try {
    return await reviewer.diffOf({ base: pr.baseSha, head: pr.headSha });
  } catch (error) {
    if (!client || !isShipgateError(error) || error.code !== ErrorCode.BadRequest) throw error;
    const response = await client.rest.pulls.get({
      owner: pr.owner,
      repo: pr.repo,
      pull_number: pr.number,
      mediaType: { format: 'diff' },
    });
    return response.data as unknown as string;
  }
}

async function writeStepSummary(
  pr: PullRequestContext,
  io: GithubRunIo,
  result: ReviewResult,
  why: string,
): Promise<void> {
  const text = `${renderReviewMarkdown(result)}\n> ${why}\n`;
  if (pr.stepSummaryPath) await appendFile(pr.stepSummaryPath, text);
  io.stderr.write(`shipgate: ${why}\n`);
}

function describe(outcome: PublishOutcome): string {
  return `shipgate: posted ${outcome.inlinePosted} inline comment(s), ${outcome.alreadyPosted} already posted, ${outcome.dismissed} dismissed, ${outcome.rejected} refused; summary ${outcome.summary}; check run ${outcome.checkRunId} (${outcome.conclusion}, ${outcome.annotations} annotations)\n`;
}

/**
 * `shipgate review --github`: reviews the pull request of the workflow event and posts the
 * result (one review, the summary comment, one check run). A fork's read-only token gets the
 * report in the job summary instead. Advisory mode (`INPUT_MODE=advisory`) always exits 0.
 */
export async function runGithubReview(
  io: GithubRunIo,
  reviewer: GithubReviewer,
  options: GithubRunOptions,
): Promise<number> {
  const pr = await readPullRequestContext(io.env);
  const mode: ReviewMode = io.env.INPUT_MODE === 'advisory' ? 'advisory' : 'blocking';
  const client = pr.token
    ? createGithubClient({
        token: pr.token,
        baseUrl: pr.apiUrl,
        userAgent: `shipgate/${options.toolVersion}`,
        log: (m) => io.stderr.write(`${m}\n`),
        ...options.client,
      })
    : null;
  const diffText = await pullRequestDiff(reviewer, pr, client);
  const result = await reviewer.run({ diffText, base: pr.baseSha, head: pr.headSha });
  io.stdout.write(
    renderReview(options.format, result, { root: reviewer.root, toolVersion: options.toolVersion }),
  );
  const exit = mode === 'advisory' || result.passed ? ExitCode.Ok : ExitCode.Failed;
  if (!client || pr.fromFork) {
    const why = pr.fromFork
      ? 'this pull request comes from a fork, so the workflow token is read-only: the report is in the job summary instead of on the pull request'
      : 'no GITHUB_TOKEN: the report is in the job summary instead of on the pull request';
    await writeStepSummary(pr, io, result, why);
    return exit;
  }
  try {
    const existing = await loadExistingState(client, pr);
    const outcome = await publishReview(
      client,
      { ...pr },
      result,
      parseUnifiedDiff(diffText),
      existing,
      mode,
    );
    io.stderr.write(describe(outcome));
    return mode === 'advisory' || outcome.conclusion !== 'failure' ? ExitCode.Ok : ExitCode.Failed;
  } catch (error) {
    if (status(error) !== 403)
      throw new ShipgateError(
        ErrorCode.UpstreamError,
        `posting the review to GitHub failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    await writeStepSummary(
      pr,
      io,
      result,
      'the workflow token may not write to this pull request (403; give the job permissions pull-requests: write and checks: write): the report is in the job summary instead',
    );
    return exit;
  }
}
