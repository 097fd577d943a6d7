import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, type GitRepo } from '../review/test-support/git-repo.js';
import { actionBuildOptions } from './build-action.js';
import { startFakeGithub } from './test-support/fake-github.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = join(repoRoot, 'action', 'index.js');

let repo: GitRepo;
let base: string;
let head: string;

beforeAll(() => {
  repo = createGitRepo('sg-action-');
  repo.write({ 'package.json': '{"type":"module"}', 'src/a.js': 'export const a = 1;\n' });
  base = repo.commit('base');
  repo.write({
    'src/a.js': 'export const a = 1;\nexport function f(req) {\n  return eval(req.query.x);\n}\n',
  });
  head = repo.commit('head');
});

afterAll(() => repo.remove());

function runBundle(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle], { cwd: repo.root, env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the GitHub Action', () => {
  it('action.yml runs the committed bundle on node24 with the documented inputs', () => {
    const action = parseYaml(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));
    expect(action.runs).toEqual({ using: 'node24', main: 'action/index.js' });
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['fail-on', 'mode', 'gates', 'github-token']),
    );
    expect(existsSync(bundle)).toBe(true);
  });

  it('the committed bundle is what npm run build:action makes from the source', async () => {
    const result = await build({ ...actionBuildOptions, write: false });
    const stale = (result.outputFiles ?? []).filter(
      (file) => !existsSync(file.path) || readFileSync(file.path, 'utf8') !== file.text,
    );
    expect(
      stale.map((f) => f.path),
      'run npm run build:action and commit action/',
    ).toEqual([]);
  });

  it('the typecheck worker entry sits beside the bundled code that starts it', () => {
    const files = [
      bundle,
      ...readdirSync(join(repoRoot, 'action', 'chunks')).map((f) =>
        join(repoRoot, 'action', 'chunks', f),
      ),
    ];
    const starters = files.filter(
      (f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes('typecheck-worker'),
    );
    expect(starters.length).toBeGreaterThan(0);
    for (const starter of starters)
      expect(existsSync(join(dirname(starter), 'typecheck-worker.js')), starter).toBe(true);
  });

  it('the bundle reviews the pull request and posts to GitHub by itself (no node_modules)', async () => {
    const fake = await startFakeGithub({
      owner: 'o',
      repo: 'r',
      number: 3,
      diff: repo.git('diff', `${base}...${head}`),
    });
    try {
      const event = join(repo.root, '..', `event-action-${process.pid}.json`);
      writeFileSync(
        event,
        JSON.stringify({
          pull_request: {
            number: 3,
            base: { sha: base, repo: { full_name: 'o/r' } },
            head: { sha: head, repo: { full_name: 'o/r' } },
          },
        }),
      );
      const { code, output } = await runBundle({
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        GITHUB_EVENT_PATH: event,
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_API_URL: fake.url,
        GITHUB_WORKSPACE: repo.root,
        'INPUT_GITHUB-TOKEN': 'ghs_test',
        INPUT_MODE: 'advisory',
        INPUT_GATES: 'security',
      });
      expect(output).toMatch(/posted 1 inline comment/);
      expect(code).toBe(0);
      expect(fake.reviews).toHaveLength(1);
      expect(fake.checkRuns[0]?.conclusion).toBe('neutral');
    } finally {
      await fake.close();
    }
  });
});
