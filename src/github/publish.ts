import { severityRank } from '../gates/types.js';
import type { DiffFile } from '../review/diff.js';
import { renderReviewMarkdown } from '../review/format/markdown.js';
import { summaryLine } from '../review/format/summary-line.js';
import type { ReviewFinding, ReviewResult } from '../review/types.js';
import type { GithubClient } from './client.js';
import { annotationOf, inlineCommentBody } from './comment-body.js';
import type { ExistingState, PullRequestRef } from './existing.js';
import { fingerprintMarker, fitBody, summaryMarker } from './markers.js';

export type ReviewMode = 'advisory' | 'blocking';

export interface PublishTarget extends PullRequestRef {
  headSha: string;
}

/** What one run did on the pull request. */
export interface PublishOutcome {
  inlinePosted: number;
  /** Findings not posted because their fingerprint was already in a comment. */
  alreadyPosted: number;
  dismissed: number;
  /** Inline comments GitHub refused (422): they went to the summary instead. */
  rejected: number;
  summary: 'created' | 'updated';
  checkRunId: number;
  annotations: number;
  conclusion: 'success' | 'failure' | 'neutral';
}

/** At most this many inline comments in one review; the rest are in the summary. */
const maxInline = 40;
const annotationBatch = 50;

function status(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error
    ? Number(error.status)
    : undefined;
}

async function postReview(
  client: GithubClient,
  target: PublishTarget,
  inline: ReviewFinding[],
): Promise<{ posted: number; rejected: number }> {
  if (inline.length === 0) return { posted: 0, rejected: 0 };
  const comments = inline.map((finding) => ({
    path: finding.file,
    line: finding.line,
    side: 'RIGHT' as const,
    body: inlineCommentBody(finding),
  }));
  try {
    await client.rest.pulls.createReview({
      owner: target.owner,
      repo: target.repo,
      pull_number: target.number,
      commit_id: target.headSha,
      event: 'COMMENT',
      body: `shipgate found ${inline.length} new issue${inline.length === 1 ? '' : 's'} on changed lines.`,
      comments,
    });
    return { posted: inline.length, rejected: 0 };
  } catch (error) {
    // Anchors are checked against the diff first, so this means the diff moved under us.
    if (status(error) === 422) return { posted: 0, rejected: inline.length };
    throw error;
  }
}

interface Counts {
  inlinePosted: number;
  alreadyPosted: number;
  dismissed: number;
  rejected: number;
}

/**
 * The summary: the report, the counts, and a fingerprint marker for every live finding that
 * has no inline comment (off the diff, over the cap, refused) so later runs know it was shown.
 */
function summaryBody(
  result: ReviewResult,
  counts: Counts,
  notInline: ReviewFinding[],
  dismissed: ExistingState['dismissed'],
): string {
  const parts = [renderReviewMarkdown(result)];
  parts.push(
    `Inline: ${counts.inlinePosted} new, ${counts.alreadyPosted} already posted, ${counts.dismissed} dismissed${counts.rejected ? `, ${counts.rejected} refused by GitHub (listed above)` : ''}.`,
  );
  if (notInline.length > 0)
    parts.push(
      `Without an inline comment (off the diff or over the limit): ${notInline.map((f) => `\`${f.file}:${f.line}\` ${f.rule}`).join(', ')}.`,
    );
  if (dismissed.size > 0)
    parts.push(
      `<details><summary>${dismissed.size} dismissed</summary>\n\n${[...dismissed].map(([fp, why]) => `- \`${fp}\`: ${why}`).join('\n')}\n\n</details>`,
    );
  const markers = notInline.map((f) => fingerprintMarker(f.fingerprint)).join('');
  return fitBody(parts.join('\n\n'), `${markers}${summaryMarker}`);
}

async function upsertSummary(
  client: GithubClient,
  target: PublishTarget,
  existing: ExistingState,
  body: string,
): Promise<'created' | 'updated'> {
  const base = { owner: target.owner, repo: target.repo };
  if (existing.summaryCommentId !== null) {
    await client.rest.issues.updateComment({
      ...base,
      comment_id: existing.summaryCommentId,
      body,
    });
    return 'updated';
  }
  await client.rest.issues.createComment({ ...base, issue_number: target.number, body });
  return 'created';
}

function conclusionOf(result: ReviewResult, mode: ReviewMode): PublishOutcome['conclusion'] {
  if (result.passed) return 'success';
  return mode === 'blocking' ? 'failure' : 'neutral';
}

/** One check run; annotations 50 per request (create, then updates), as GitHub requires. */
async function publishCheck(
  client: GithubClient,
  target: PublishTarget,
  result: ReviewResult,
  findings: ReviewFinding[],
  conclusion: PublishOutcome['conclusion'],
): Promise<number> {
  const annotations = findings.map(annotationOf);
  const title = summaryLine(result)
    .replace(/^shipgate review: /, '')
    .slice(0, 255);
  const output = (batch: typeof annotations) => ({
    title,
    summary: summaryLine(result),
    annotations: batch,
  });
  const base = { owner: target.owner, repo: target.repo };
  const created = await client.rest.checks.create({
    ...base,
    name: 'shipgate review',
    head_sha: target.headSha,
    status: 'completed',
    conclusion,
    output: output(annotations.slice(0, annotationBatch)),
  });
  for (let i = annotationBatch; i < annotations.length; i += annotationBatch) {
    await client.rest.checks.update({
      ...base,
      check_run_id: created.data.id,
      output: output(annotations.slice(i, i + annotationBatch)),
    });
  }
  return created.data.id;
}

/**
 * Posts one run's review: new findings on diff lines as one review's inline comments, the
 * summary comment edited in place, one check run. Never posts a fingerprint already posted or
 * dismissed, and never deletes a comment.
 */
export async function publishReview(
  client: GithubClient,
  target: PublishTarget,
  result: ReviewResult,
  diff: readonly DiffFile[],
  existing: ExistingState,
  mode: ReviewMode,
): Promise<PublishOutcome> {
  const visible = new Map(diff.map((file) => [file.path, file.visible]));
  const live = result.findings.filter((f) => !existing.dismissed.has(f.fingerprint));
  const fresh = live.filter((f) => !existing.posted.has(f.fingerprint));
  const anchored = fresh.filter((f) => visible.get(f.file)?.has(f.line));
  const inline = anchored.slice(0, maxInline);
  const review = await postReview(client, target, inline);
  const postedInline = new Set([
    ...existing.inline,
    ...(review.rejected ? [] : inline.map((f) => f.fingerprint)),
  ]);
  const notInline = live.filter((f) => !postedInline.has(f.fingerprint));
  const counts = {
    inlinePosted: review.posted,
    alreadyPosted: live.length - fresh.length,
    dismissed: result.findings.length - live.length,
    rejected: review.rejected,
  };
  // Dismissed findings no longer count towards the verdict.
  const threshold = severityRank[result.failOn ?? 'high'];
  const passed = !live.some((f) => severityRank[f.severity] >= threshold);
  const gated: ReviewResult = { ...result, findings: live, passed };
  const summary = await upsertSummary(
    client,
    target,
    existing,
    summaryBody(gated, counts, notInline, existing.dismissed),
  );
  const conclusion = conclusionOf(gated, mode);
  const checkRunId = await publishCheck(client, target, gated, live, conclusion);
  return { ...counts, summary, checkRunId, annotations: live.length, conclusion };
}
