import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { components } from '@octokit/openapi-types';
import { parseUnifiedDiff } from '../../review/diff.js';

type ReviewComment = Pick<
  components['schemas']['review-comment'],
  | 'id'
  | 'body'
  | 'path'
  | 'line'
  | 'side'
  | 'commit_id'
  | 'in_reply_to_id'
  | 'pull_request_review_id'
  | 'url'
  | 'html_url'
> & { user: { login: string; type: string } };
type IssueComment = Pick<
  components['schemas']['issue-comment'],
  'id' | 'body' | 'url' | 'html_url'
> & {
  user: { login: string; type: string };
};
type CheckRun = Pick<
  components['schemas']['check-run'],
  'id' | 'name' | 'head_sha' | 'status' | 'conclusion'
> & {
  annotations: unknown[];
};

export interface FakeGithubOptions {
  owner: string;
  repo: string;
  number: number;
  /** The pull request's diff: inline comments are accepted only on its head lines. */
  diff: string;
  /** Tokens that may only read (fork pull requests): writes get 403. */
  readOnlyTokens?: string[];
  /** The next N writes get a secondary rate limit (403 with retry-after). */
  secondaryLimitWrites?: number;
}

/** Every request the fake saw, and what was rejected, for assertions. */
export interface FakeGithub {
  url: string;
  reviews: { id: number; comments: number }[];
  reviewComments: ReviewComment[];
  issueComments: IssueComment[];
  checkRuns: CheckRun[];
  rejected: { method: string; path: string; status: number; message: string }[];
  requests: string[];
  resolvedThreads: Set<number>;
  /** A person's reply to a review comment (as the UI would add it). */
  reply(toId: number, body: string): void;
  close(): Promise<void>;
}

const bot = { login: 'github-actions[bot]', type: 'Bot' };

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function unprocessable(res: ServerResponse, message: string, errors: unknown[] = []): void {
  send(res, 422, {
    message,
    errors,
    documentation_url: 'https://docs.github.com/rest',
    status: '422',
  });
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Pages like GitHub: per_page/page and a Link header with rel="next". */
function paged<T>(res: ServerResponse, url: URL, items: T[]): void {
  const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
  const page = Number(url.searchParams.get('page') ?? 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = {};
  if (page * perPage < items.length) {
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    headers.link = `<${next.href}>; rel="next"`;
  }
  send(res, 200, slice, headers);
}

/**
 * A local GitHub REST server for the review's posting: the real routes and shapes
 * (`@octokit/openapi-types`) and GitHub's rejections — 422 for a comment off the diff or a
 * body over 65,536 characters, 422 for more than 50 annotations, 403 for read-only tokens
 * and for secondary rate limits (with retry-after).
 */
export async function startFakeGithub(options: FakeGithubOptions): Promise<FakeGithub> {
  const visible = new Map(parseUnifiedDiff(options.diff).map((f) => [f.path, f.visible]));
  let nextId = 1000;
  let limitLeft = options.secondaryLimitWrites ?? 0;
  const state = {
    reviews: [] as FakeGithub['reviews'],
    reviewComments: [] as ReviewComment[],
    issueComments: [] as IssueComment[],
    checkRuns: [] as CheckRun[],
    rejected: [] as FakeGithub['rejected'],
    requests: [] as string[],
    resolvedThreads: new Set<number>(),
  };
  const prefix = `/repos/${options.owner}/${options.repo}`;

  function reject(
    res: ServerResponse,
    req: IncomingMessage,
    status: number,
    message: string,
    extra?: () => void,
  ): void {
    state.rejected.push({ method: req.method ?? '', path: req.url ?? '', status, message });
    if (extra) extra();
    else send(res, status, { message, documentation_url: 'https://docs.github.com/rest' });
  }

  function reviewComment(
    body: string,
    path: string,
    line: number | null | undefined,
    replyTo?: number,
    user = bot,
  ): ReviewComment {
    const id = nextId++;
    return {
      id,
      body,
      path,
      line: line ?? undefined,
      side: 'RIGHT',
      commit_id: 'head',
      in_reply_to_id: replyTo,
      pull_request_review_id: null,
      url: `${prefix}/pulls/comments/${id}`,
      html_url: `https://github.com${prefix}/pull/${options.number}#discussion_r${id}`,
      user,
    };
  }

  async function createReview(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const comments = (body.comments ?? []) as {
      path: string;
      line: number;
      side?: string;
      body: string;
    }[];
    for (const c of comments) {
      if (c.body.length > 65_536)
        return reject(res, req, 422, 'body is too long (maximum is 65536 characters)', () =>
          unprocessable(res, 'Unprocessable Entity', [
            'body is too long (maximum is 65536 characters)',
          ]),
        );
      if (!visible.get(c.path)?.has(c.line))
        return reject(res, req, 422, 'Line could not be resolved', () =>
          unprocessable(res, 'Unprocessable Entity', ['Line could not be resolved']),
        );
    }
    const id = nextId++;
    state.reviews.push({ id, comments: comments.length });
    for (const c of comments)
      state.reviewComments.push({
        ...reviewComment(c.body, c.path, c.line),
        pull_request_review_id: id,
      });
    send(res, 200, {
      id,
      node_id: `PRR_${id}`,
      state: 'COMMENTED',
      body: body.body ?? '',
      commit_id: body.commit_id,
      user: bot,
    });
  }

  async function checkRun(req: IncomingMessage, res: ServerResponse, id?: number): Promise<void> {
    const body = await readJson(req);
    const output = body.output as { annotations?: unknown[] } | undefined;
    if ((output?.annotations?.length ?? 0) > 50)
      return reject(res, req, 422, 'Only 50 annotations are allowed per request', () =>
        unprocessable(res, 'Invalid request.\n\nOnly 50 annotations are allowed per request.'),
      );
    let run = id === undefined ? undefined : state.checkRuns.find((r) => r.id === id);
    if (id !== undefined && !run) return send(res, 404, { message: 'Not Found' });
    if (!run) {
      run = {
        id: nextId++,
        name: String(body.name),
        head_sha: String(body.head_sha),
        status: 'completed',
        conclusion: (body.conclusion ?? null) as CheckRun['conclusion'],
        annotations: [],
      };
      state.checkRuns.push(run);
    }
    run.annotations.push(...(output?.annotations ?? []));
    send(res, id === undefined ? 201 : 200, run);
  }

  function graphql(res: ServerResponse): void {
    const roots = state.reviewComments.filter((c) => !c.in_reply_to_id);
    const nodes = roots.map((c) => ({
      isResolved: state.resolvedThreads.has(Number(c.id)),
      comments: { nodes: [{ body: c.body }] },
    }));
    send(res, 200, {
      data: {
        repository: {
          pullRequest: {
            reviewThreads: { nodes, pageInfo: { hasNextPage: false, endCursor: null } },
          },
        },
      },
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    state.requests.push(`${method} ${path}`);
    const token = (req.headers.authorization ?? '').replace(/^(token|bearer) /i, '');
    if (!token) return send(res, 401, { message: 'Requires authentication' });
    const write = method !== 'GET' && path !== '/graphql';
    if (write && options.readOnlyTokens?.includes(token))
      return reject(res, req, 403, 'Resource not accessible by integration');
    if (write && limitLeft > 0) {
      limitLeft -= 1;
      return reject(
        res,
        req,
        403,
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        () =>
          send(
            res,
            403,
            {
              message:
                'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
              documentation_url:
                'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            },
            { 'retry-after': '1' },
          ),
      );
    }
    const pr = `${prefix}/pulls/${options.number}`;
    if (method === 'POST' && path === '/graphql') return graphql(res);
    if (method === 'GET' && path === pr) {
      if ((req.headers.accept ?? '').includes('diff')) {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return void res.end(options.diff);
      }
      return send(res, 200, { number: options.number, state: 'open' });
    }
    if (method === 'GET' && path === `${pr}/comments`) return paged(res, url, state.reviewComments);
    if (method === 'POST' && path === `${pr}/reviews`) return createReview(req, res);
    const issue = `${prefix}/issues/${options.number}/comments`;
    if (method === 'GET' && path === issue) return paged(res, url, state.issueComments);
    if (method === 'POST' && path === issue) {
      const body = await readJson(req);
      if (String(body.body).length > 65_536)
        return reject(res, req, 422, 'body is too long', () =>
          unprocessable(res, 'Validation Failed', [
            {
              resource: 'IssueComment',
              code: 'unprocessable',
              field: 'data',
              message: 'Body is too long (maximum is 65536 characters)',
            },
          ]),
        );
      const id = nextId++;
      const comment = {
        id,
        body: String(body.body),
        url: `${prefix}/issues/comments/${id}`,
        html_url: `https://github.com${prefix}/pull/${options.number}#issuecomment-${id}`,
        user: bot,
      };
      state.issueComments.push(comment);
      return send(res, 201, comment);
    }
    const edit = new RegExp(`^${prefix}/issues/comments/(\\d+)$`).exec(path);
    if (method === 'PATCH' && edit) {
      const comment = state.issueComments.find((c) => c.id === Number(edit[1]));
      if (!comment) return send(res, 404, { message: 'Not Found' });
      const body = await readJson(req);
      if (String(body.body).length > 65_536) return reject(res, req, 422, 'body is too long');
      comment.body = String(body.body);
      return send(res, 200, comment);
    }
    if (method === 'POST' && path === `${prefix}/check-runs`) return checkRun(req, res);
    const check = new RegExp(`^${prefix}/check-runs/(\\d+)$`).exec(path);
    if (method === 'PATCH' && check) return checkRun(req, res, Number(check[1]));
    send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...state,
    reply(toId, body) {
      const parent = state.reviewComments.find((c) => c.id === toId);
      state.reviewComments.push(
        reviewComment(body, parent?.path ?? '', parent?.line ?? null, toId, {
          login: 'alice',
          type: 'User',
        }),
      );
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
