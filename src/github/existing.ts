import type { GithubClient } from './client.js';
import { fingerprintsIn, ignoreReply, summaryMarker } from './markers.js';

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

/** What earlier runs (and people) left on the pull request. */
export interface ExistingState {
  /** Fingerprints already in a comment: inline, or listed in the summary. */
  posted: Set<string>;
  /** Fingerprints in inline comments only. */
  inline: Set<string>;
  /** Fingerprints a person dismissed: a `shipgate: ignore` reply or a resolved thread. */
  dismissed: Map<string, string>;
  summaryCommentId: number | null;
  notes: string[];
}

interface ThreadPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        nodes: { isResolved: boolean; comments: { nodes: { body: string }[] } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } | null;
  } | null;
}

const threadsQuery = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        nodes { isResolved comments(first: 1) { nodes { body } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

/** Resolved review threads started by shipgate: their fingerprints count as dismissed. */
async function resolvedThreads(
  client: GithubClient,
  pr: PullRequestRef,
  dismissed: Map<string, string>,
): Promise<void> {
  let cursor: string | null = null;
  for (let page = 0; page < 20; page += 1) {
    const data: ThreadPage = await client.graphql<ThreadPage>(threadsQuery, { ...pr, cursor });
    const threads = data.repository?.pullRequest?.reviewThreads;
    if (!threads) return;
    for (const thread of threads.nodes) {
      if (!thread.isResolved) continue;
      for (const fp of fingerprintsIn(thread.comments.nodes[0]?.body))
        if (!dismissed.has(fp)) dismissed.set(fp, 'thread resolved');
    }
    if (!threads.pageInfo.hasNextPage) return;
    cursor = threads.pageInfo.endCursor;
  }
}

/** Reads the pull request's review comments, replies, resolved threads and the summary comment. */
export async function loadExistingState(
  client: GithubClient,
  pr: PullRequestRef,
): Promise<ExistingState> {
  const base = { owner: pr.owner, repo: pr.repo };
  const [reviewComments, issueComments] = await Promise.all([
    client.paginate(client.rest.pulls.listReviewComments, {
      ...base,
      pull_number: pr.number,
      per_page: 100,
    }),
    client.paginate(client.rest.issues.listComments, {
      ...base,
      issue_number: pr.number,
      per_page: 100,
    }),
  ]);
  const posted = new Set<string>();
  const dismissed = new Map<string, string>();
  const fingerprintsById = new Map<number, string[]>();
  for (const comment of reviewComments) {
    const prints = fingerprintsIn(comment.body);
    fingerprintsById.set(comment.id, prints);
    prints.forEach((fp) => posted.add(fp));
  }
  const inline = new Set(posted);
  for (const comment of reviewComments) {
    const reason = comment.in_reply_to_id ? ignoreReply(comment.body) : null;
    if (reason === null || !comment.in_reply_to_id) continue;
    for (const fp of fingerprintsById.get(comment.in_reply_to_id) ?? []) dismissed.set(fp, reason);
  }
  const notes: string[] = [];
  await resolvedThreads(client, pr, dismissed).catch((error: unknown) => {
    notes.push(
      `resolved threads not read (GraphQL: ${error instanceof Error ? error.message : String(error)})`,
    );
  });
  const summary = issueComments.find((comment) => comment.body?.includes(summaryMarker));
  // Findings the summary already lists (off the diff, or over the inline cap) count as posted.
  fingerprintsIn(summary?.body).forEach((fp) => posted.add(fp));
  return { posted, inline, dismissed, summaryCommentId: summary?.id ?? null, notes };
}
