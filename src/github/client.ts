import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
// @ts-expect-error -- bottleneck types only its main entry; light.js is the same API, what the plugin uses.
import BottleneckLight from 'bottleneck/light.js';
import type BottleneckFull from 'bottleneck';

const Bottleneck = BottleneckLight as typeof BottleneckFull;

/** Octokit's REST client; the plugins add behaviour (pacing, retries), not methods. */
export type GithubClient = Octokit;

export interface GithubClientOptions {
  token: string;
  /** `GITHUB_API_URL` (GitHub Enterprise, or a local fake in tests). */
  baseUrl: string;
  userAgent: string;
  /** Retries after a primary or secondary rate limit (default 2). */
  rateLimitRetries?: number;
  /**
   * Milliseconds between writes (default: the plugin's 1 s, 3 s for notifying writes —
   * GitHub's guidance). Tests pass 0.
   */
  writeIntervalMs?: number;
  /** Milliseconds per `retry-after` second (default 1000). Tests shrink it. */
  retryAfterUnitMs?: number;
  log?: (message: string) => void;
}

function groups(intervalMs: number | undefined): Record<string, unknown> {
  if (intervalMs === undefined) return {};
  const group = (id: string) => new Bottleneck.Group({ id, maxConcurrent: 1, minTime: intervalMs });
  return { write: group('shipgate-write'), notifications: group('shipgate-notifications') };
}

/**
 * Octokit with the throttling plugin (queues writes, waits out `retry-after` on primary and
 * secondary rate limits) and the retry plugin (5xx and network errors).
 */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const retries = options.rateLimitRetries ?? 2;
  const log = options.log ?? (() => undefined);
  const onLimit =
    (kind: string) =>
    (after: number, request: { method: string; url: string }, _o: unknown, count: number) => {
      log(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: retry ${count + 1} after ${after} s`,
      );
      return count < retries;
    };
  const GithubOctokit = Octokit.plugin(throttling, retry);
  return new GithubOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: options.userAgent,
    request: { retries: 2, retryAfter: 1 },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      retryAfterBaseValue: options.retryAfterUnitMs ?? 1000,
      ...groups(options.writeIntervalMs),
    },
  });
}
