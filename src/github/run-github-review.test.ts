import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../cli/context.js';
import { prepareCliReview } from '../cli/commands/review-run.js';
import { loadConfig } from '../config/load.js';
import { createGitRepo, type GitRepo } from '../review/test-support/git-repo.js';
import { fingerprintsIn, fitBody, ignoreReply } from './markers.js';
import { runGithubReview } from './run-github-review.js';
import { startFakeGithub, type FakeGithub } from './test-support/fake-github.js';

let repo: GitRepo;
let base: string;
let head: string;

const filler = Array.from({ length: 12 }, (_, i) => `  const pad${i} = ${i};`).join('\n');
const guarded = (guard: string) => `import { exec } from 'node:child_process';

export function run(req, res) {
  const name = String(req.query.name);
${guard}${filler}
  exec('ls ' + name + pad0 + pad1 + pad2 + pad3 + pad4 + pad5 + pad6 + pad7 + pad8 + pad9 + pad10 + pad11, () => res.end());
}
`;
const many = Array.from(
  { length: 60 },
  (_, i) => `export const v${i} = eval(process.argv[${i + 2}]);`,
).join('\n');

beforeAll(() => {
  repo = createGitRepo('sg-github-');
  repo.write({
    'package.json': '{"name":"fixture","type":"module"}',
    'src/far.js': guarded('  if (!/^[a-z]+$/.test(name)) return res.status(400).end();\n'),
    'src/page.js': 'export const x = 1;\n',
  });
  base = repo.commit('base');
  repo.write({
    // the guard goes; the sink is 13 lines below, outside the hunk: summary only, never inline
    'src/far.js': guarded(''),
    'src/page.js': `export const x = 1;\nexport function show(el) {\n  el.innerHTML = location.hash;\n}\n${many}\n`,
  });
  head = repo.commit('head');
});

afterAll(() => repo.remove());

function env(
  fake: FakeGithub,
  extra: Record<string, string> = {},
  fork = false,
): Record<string, string> {
  const event = join(repo.root, '..', `event-${Math.random().toString(36).slice(2)}.json`);
  const headRepo = fork ? 'someone/fork' : 'acme/app';
  writeFileSync(
    event,
    JSON.stringify({
      pull_request: {
        number: 7,
        base: { sha: base, ref: 'main', repo: { full_name: 'acme/app' } },
        head: { sha: head, ref: 'feature', repo: { full_name: headRepo } },
      },
    }),
  );
  return {
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_API_URL: fake.url,
    GITHUB_TOKEN: 'ghs_write',
    GITHUB_STEP_SUMMARY: join(repo.root, '..', `summary-${Math.random().toString(36).slice(2)}.md`),
    ...extra,
  };
}

async function run(
  fake: FakeGithub,
  vars: Record<string, string>,
): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const ctx: CliContext = {
    stdout: { write: () => undefined, isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
    env: vars,
    cwd: repo.root,
    config: () => loadConfig({ cwd: repo.root, env: {} }),
    exitCode: 0,
    signal: new AbortController().signal,
  };
  const reviewer = await prepareCliReview(ctx, {
    failOn: 'high',
    gates: ['security'],
    model: false,
  });
  const code = await runGithubReview(ctx, reviewer, {
    format: 'json',
    toolVersion: '0.0.0-test',
    client: { writeIntervalMs: 0, retryAfterUnitMs: 20 },
  });
  return { code, stderr };
}

const diffText = () => repo.git('diff', '--find-renames', `${base}...${head}`);

describe('shipgate review --github', () => {
  it('posts once; a second run for the same head repeats nothing and is refused nothing', async () => {
    const fake = await startFakeGithub({ owner: 'acme', repo: 'app', number: 7, diff: diffText() });
    try {
      const vars = env(fake);
      const first = await run(fake, vars);
      expect(first.code).toBe(1);
      expect(fake.reviews).toHaveLength(1);
      const inline = fake.reviewComments.flatMap((c) => fingerprintsIn(c.body));
      expect(inline.length).toBeGreaterThan(1);
      expect(fake.reviewComments.every((c) => c.path === 'src/page.js')).toBe(true);
      expect(fake.issueComments).toHaveLength(1);
      expect(fake.issueComments[0]?.body).toContain('src/far.js');
      expect(fake.checkRuns).toHaveLength(1);
      const annotations = fake.checkRuns[0]?.annotations.length ?? 0;
      expect(annotations).toBeGreaterThan(50);
      expect(
        fake.requests.filter((r) => r.startsWith('PATCH') && r.includes('check-runs')).length,
      ).toBe(Math.ceil(annotations / 50) - 1);

      const second = await run(fake, vars);
      expect(second.code).toBe(1);
      expect(fake.reviews).toHaveLength(1);
      const all = fake.reviewComments.flatMap((c) => fingerprintsIn(c.body));
      expect(new Set(all).size).toBe(all.length);
      expect(fake.issueComments).toHaveLength(1);
      expect(fake.rejected).toEqual([]);
      expect(second.stderr).toMatch(/posted 0 inline comment\(s\), \d+ already posted/);
    } finally {
      await fake.close();
    }
  });

  it('honours a "shipgate: ignore" reply and a resolved thread; never deletes a comment', async () => {
    const fake = await startFakeGithub({ owner: 'acme', repo: 'app', number: 7, diff: diffText() });
    try {
      const vars = env(fake);
      await run(fake, vars);
      const [first, second] = fake.reviewComments;
      if (!first || !second) throw new Error('expected inline comments');
      fake.reply(Number(first.id), 'shipgate: ignore the input is validated upstream');
      fake.resolvedThreads.add(Number(second.id));
      const before = fake.reviewComments.length;
      await run(fake, vars);
      expect(fake.reviewComments.length).toBe(before);
      expect(fake.requests.some((r) => r.startsWith('DELETE'))).toBe(false);
      const summary = fake.issueComments[0]?.body ?? '';
      expect(summary).toContain('the input is validated upstream');
      expect(summary).toContain('thread resolved');
      const check = fake.checkRuns.at(-1);
      expect(check?.annotations.length).toBe((fake.checkRuns[0]?.annotations.length ?? 0) - 2);
    } finally {
      await fake.close();
    }
  });

  it('waits out a secondary rate limit (403 + retry-after) and still posts everything', async () => {
    const fake = await startFakeGithub({
      owner: 'acme',
      repo: 'app',
      number: 7,
      diff: diffText(),
      secondaryLimitWrites: 1,
    });
    try {
      const { stderr } = await run(fake, env(fake));
      expect(fake.rejected.map((r) => r.status)).toEqual([403]);
      expect(stderr).toMatch(/secondary rate limit/);
      expect(fake.reviews).toHaveLength(1);
      expect(fake.checkRuns).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it('writes the job summary instead when the token is read-only (forks), and says so', async () => {
    const fake = await startFakeGithub({
      owner: 'acme',
      repo: 'app',
      number: 7,
      diff: diffText(),
      readOnlyTokens: ['ghs_read'],
    });
    try {
      const forkVars = env(fake, { GITHUB_TOKEN: 'ghs_read' }, true);
      const fork = await run(fake, forkVars);
      expect(fork.stderr).toMatch(/fork/);
      expect(readFileSync(forkVars.GITHUB_STEP_SUMMARY ?? '', 'utf8')).toMatch(
        /^\*\*shipgate review: failed/,
      );
      expect(fake.requests.filter((r) => !r.startsWith('GET'))).toEqual([]);
      const vars = env(fake, { GITHUB_TOKEN: 'ghs_read', INPUT_MODE: 'advisory' });
      const denied = await run(fake, vars);
      expect(denied.code).toBe(0);
      expect(denied.stderr).toMatch(/pull-requests: write/);
      expect(readFileSync(vars.GITHUB_STEP_SUMMARY ?? '', 'utf8')).toContain('job summary instead');
    } finally {
      await fake.close();
    }
  });
});

describe('markers', () => {
  it('keeps the fingerprint marker when a body is cut to 65,536 characters', () => {
    const body = fitBody('x'.repeat(70_000), '<!-- shipgate:fp=abcdef0123456789 -->');
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(fingerprintsIn(body)).toEqual(['abcdef0123456789']);
  });

  it('reads "shipgate: ignore <reason>" replies', () => {
    expect(ignoreReply('Shipgate: ignore — test fixture')).toBe('test fixture');
    expect(ignoreReply('thanks!')).toBeNull();
  });
});
