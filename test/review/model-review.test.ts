/**
 * Model review over the gateway against a local fake model (OpenAI wire format) that
 * answers with good anchors, bad anchors, invalid JSON and a truncated answer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, type GitRepo } from '../../src/review/test-support/git-repo.js';
import { startFakeOpenAI, type FakeUpstream, type ReplyContext } from '../fake-upstream/index.js';
import { runCliCaptured } from '../support/run-cli.js';

let repo: GitRepo;
let upstream: FakeUpstream;
let home: string;
let base: string;
let head: string;

const answers: Record<string, string> = {
  'src/limits.js': JSON.stringify({
    findings: [
      {
        file: 'src/limits.js',
        line: 3,
        severity: 'high',
        category: 'correctness',
        message: 'The bound check is off by one: `<=` lets index === length through.',
        suggestion: 'Use `<`.',
      },
      // not a diff line: summary only
      {
        file: 'src/limits.js',
        line: 9,
        severity: 'medium',
        category: 'correctness',
        message: 'Unrelated older code.',
      },
      // a line the file does not have: dropped
      {
        file: 'src/limits.js',
        line: 400,
        severity: 'high',
        category: 'security',
        message: 'Hallucinated.',
      },
    ],
  }),
  'src/broken.js': 'Sure! Here are my findings: the code looks fine.',
  'src/cut.js': '{"findings": [{"file": "src/cut.js", "line": 2, "severity": "high", "cat',
};

function reply(ctx: ReplyContext): string {
  const file = /File: (\S+)/.exec(ctx.lastUserText)?.[1] ?? '';
  return answers[file] ?? '{"findings": []}';
}

beforeAll(async () => {
  upstream = await startFakeOpenAI({ reply });
  home = mkdtempSync(join(tmpdir(), 'sg-review-model-home-'));
  repo = createGitRepo('sg-review-model-');
  const tail = Array.from({ length: 10 }, (_, i) => `export const k${i} = ${i};`).join('\n');
  repo.write({
    'package.json': '{"type":"module"}',
    'src/limits.js': `export function at(list, i) {\n  if (i < 0) return undefined;\n  if (i < list.length) return list[i];\n  return undefined;\n}\n${tail}\n`,
    'src/broken.js': 'export const a = 1;\n',
    'src/cut.js': 'export const b = 1;\n',
  });
  base = repo.commit('base');
  repo.write({
    'src/limits.js': `export function at(list, i) {\n  if (i < 0) return undefined;\n  if (i <= list.length) return list[i];\n  return undefined;\n}\n${tail}\n`,
    'src/broken.js': 'export const a = 2;\n',
    'src/cut.js': 'export const b = 2;\n',
  });
  head = repo.commit('head');
});

afterAll(async () => {
  await upstream.close();
  repo.remove();
  rmSync(home, { recursive: true, force: true });
});

const env = () => ({
  SHIPGATE_HOME: home,
  OPENAI_BASE_URL: upstream.baseUrl,
  OPENAI_API_KEY: 'sk-local',
});

describe('shipgate review with a model', () => {
  it('keeps anchored findings inline, moves off-diff ones to the summary, and says "partial" when an answer is unusable', async () => {
    const run = await runCliCaptured(
      ['review', '--base', base, '--head', head, '--gates', 'security', '--format', 'json'],
      env(),
      repo.root,
    );
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout);
    const model = result.findings.filter((f: { source: string }) => f.source === 'model');
    expect(model).toEqual([
      expect.objectContaining({
        file: 'src/limits.js',
        line: 3,
        severity: 'high',
        rule: 'model/correctness',
        suggestion: 'Use `<`.',
      }),
    ]);
    expect(model[0].fingerprint).toMatch(/^[0-9a-f]{24}$/);
    expect(result.offDiff).toEqual([expect.objectContaining({ file: 'src/limits.js', line: 9 })]);
    expect(result.partial).toBe(true);
    expect(result.model.chunks).toBe(3);
    expect(result.model.chunksReviewed).toBe(1);
    expect(result.notes.join('\n')).toMatch(
      /src\/broken\.js not used: the answer was not valid JSON/,
    );
    expect(result.notes.join('\n')).toMatch(/src\/cut\.js not used/);
    expect(run.code).toBe(1);
    // every chunk asked for JSON with the diff's head line numbers
    const sent = upstream.requests.filter((r) => r.path.endsWith('/chat/completions'));
    expect(sent.length).toBe(3);
    expect(JSON.stringify(sent[0]?.body)).toContain('json');

    const markdown = await runCliCaptured(
      ['review', '--base', base, '--head', head, '--gates', 'security'],
      env(),
      repo.root,
    );
    expect(markdown.stdout.split('\n')[0]).toMatch(/partial review/);
  });

  it('the egress policy sees each reviewed file: a forbidden path never reaches the API model', async () => {
    // A home of its own: the first test's answers sit in the shared home's response cache.
    const ownHome = mkdtempSync(join(tmpdir(), 'sg-review-egress-home-'));
    const config = join(ownHome, 'egress.yaml');
    writeFileSync(
      config,
      'policy:\n  egress:\n    - name: no-limits\n      paths: ["src/limits.js"]\n      allow: []\n',
    );
    const before = upstream.requests.length;
    const argv = ['--config', config, 'review', '--base', base, '--head', head];
    const run = await runCliCaptured(
      [...argv, '--gates', 'security', '--format', 'json'],
      { ...env(), SHIPGATE_HOME: ownHome },
      repo.root,
    );
    rmSync(ownHome, { recursive: true, force: true });
    const result = JSON.parse(run.stdout);
    const sent = upstream.requests
      .slice(before)
      .filter((r) => r.path.endsWith('/chat/completions'));
    expect(sent.length).toBe(2);
    expect(sent.map((r) => JSON.stringify(r.body)).join('\n')).not.toContain('src/limits.js');
    expect(result.notes.join('\n')).toMatch(/src\/limits\.js failed: .*no-limits/);
  });

  it('--no-model runs the gates only, with no model call', async () => {
    const before = upstream.requests.length;
    const run = await runCliCaptured(
      [
        'review',
        '--base',
        base,
        '--head',
        head,
        '--no-model',
        '--gates',
        'security',
        '--format',
        'json',
      ],
      env(),
      repo.root,
    );
    const result = JSON.parse(run.stdout);
    expect(result.findings.every((f: { source: string }) => f.source === 'gate')).toBe(true);
    expect(result.model).toBeUndefined();
    expect(upstream.requests.length).toBe(before);
  });
});

describe('the model review prompt', () => {
  it('shows changed code with its whole enclosing function and the definitions the file imports', async () => {
    const own = createGitRepo('sg-review-context-');
    const ownHome = mkdtempSync(join(tmpdir(), 'sg-review-context-home-'));
    const body = Array.from({ length: 24 }, (_, i) => `  const step${i} = input.length + ${i};`);
    const serve = (check: string) =>
      [
        "import { isInsideRoot } from './guard.js';",
        '',
        'export function serveFile(root, input) {',
        "  if (typeof input !== 'string') return null;",
        ...body,
        `  if (${check}) return null;`,
        '  return root + input;',
        '}',
        '',
      ].join('\n');
    own.write({
      'package.json': '{"type":"module"}',
      'src/guard.js':
        '/** True when `path` stays under `root` after normalisation. */\nexport function isInsideRoot(root, path) {\n  return !path.includes("..");\n}\n',
      'src/serve.js': serve('!isInsideRoot(root, input)'),
    });
    const ownBase = own.commit('base');
    own.write({ 'src/serve.js': serve('input.startsWith("/")') });
    const ownHead = own.commit('head');
    const before = upstream.requests.length;
    const run = await runCliCaptured(
      ['review', '--base', ownBase, '--head', ownHead, '--gates', 'security', '--format', 'json'],
      { ...env(), SHIPGATE_HOME: ownHome },
      own.root,
    );
    own.remove();
    rmSync(ownHome, { recursive: true, force: true });
    expect(run.stderr).toBe('');
    const sent = upstream.requests
      .slice(before)
      .filter((r) => r.path.endsWith('/chat/completions'));
    expect(sent).toHaveLength(1);
    const text = JSON.stringify(sent[0]?.body);
    // the changed line is 29; the function starts at line 3, beyond a 15-line window
    expect(text).toContain('3   export function serveFile(root, input) {');
    expect(text).toContain('29 + ');
    expect(text).toContain('Definitions this file imports');
    expect(text).toContain('export function isInsideRoot(root, path)');
  });
});
