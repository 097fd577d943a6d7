import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ErrorCode, ShipgateError } from '../errors.js';

const repoSchema = z.object({ full_name: z.string() }).nullable().optional();

const eventSchema = z.object({
  pull_request: z.object({
    number: z.number().int().positive(),
    base: z.object({ sha: z.string().min(7), ref: z.string().optional(), repo: repoSchema }),
    head: z.object({ sha: z.string().min(7), ref: z.string().optional(), repo: repoSchema }),
  }),
});

/** What the review needs from the workflow's environment and event. */
export interface PullRequestContext {
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  headSha: string;
  /** The head branch lives in another repository: GitHub gives the workflow a read-only token. */
  fromFork: boolean;
  apiUrl: string;
  token: string | null;
  stepSummaryPath: string | null;
}

function usage(message: string): ShipgateError {
  return new ShipgateError(ErrorCode.BadRequest, message);
}

/** Reads GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_TOKEN, GITHUB_API_URL and GITHUB_STEP_SUMMARY. */
export async function readPullRequestContext(
  env: Record<string, string | undefined>,
): Promise<PullRequestContext> {
  const eventPath = env.GITHUB_EVENT_PATH;
  const repository = env.GITHUB_REPOSITORY;
  if (!eventPath || !repository)
    throw usage(
      '--github runs in a GitHub Actions workflow: GITHUB_EVENT_PATH and GITHUB_REPOSITORY must be set',
    );
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) throw usage(`GITHUB_REPOSITORY "${repository}" is not owner/name`);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(eventPath, 'utf8'));
  } catch (cause) {
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `cannot read the event at GITHUB_EVENT_PATH (${eventPath})`,
      { cause },
    );
  }
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success)
    throw usage(
      'the workflow event has no pull_request: run the review on pull_request or pull_request_target events',
    );
  const pr = parsed.data.pull_request;
  const baseRepo = pr.base.repo?.full_name ?? repository;
  const headRepo = pr.head.repo?.full_name ?? null;
  return {
    owner,
    repo,
    number: pr.number,
    baseSha: pr.base.sha,
    headSha: pr.head.sha,
    fromFork: headRepo !== null && headRepo !== baseRepo,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    token: env.GITHUB_TOKEN || env.INPUT_GITHUB_TOKEN || null,
    stepSummaryPath: env.GITHUB_STEP_SUMMARY ?? null,
  };
}
