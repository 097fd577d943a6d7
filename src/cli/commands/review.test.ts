import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitRepo, type GitRepo } from '../../review/test-support/git-repo.js';
import { runCli } from '../main.js';

let repo: GitRepo;
let base: string;
let head: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['review', ...args], {
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
    cwd: repo.root,
    env: {},
  });
  return { code, stdout, stderr };
}

const handler = (guard: string, extra = '') => `import { exec } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function legacy(req, res) {
  res.send(readFileSync('/srv/' + req.query.file));
}

export function run(req, res) {
  const name = String(req.query.name);
${guard}  exec('ls ' + name, () => res.end());
}
${extra}`;

beforeAll(() => {
  repo = createGitRepo();
  repo.write({
    'package.json': '{"name":"fixture","type":"module"}',
    'src/app.js': handler('  if (!/^[a-z]+$/.test(name)) return res.status(400).end();\n'),
    'README.md': '# fixture\n',
    'package-lock.json': '{}\n',
  });
  base = repo.commit('base');
  repo.write({
    // The guard is removed: the sink line is unchanged, the flow is new.
    'src/app.js': handler('', 'export function style() {\n  var unused = 1\n  return 2\n}\n'),
    'README.md': '# fixture\n\nmore\n',
    'package-lock.json': '{"lockfileVersion":3}\n',
  });
  head = repo.commit('head');
});

afterAll(() => repo.remove());

describe('shipgate review', () => {
  it('reports the flow a removed guard opens, not the old finding on unchanged lines', async () => {
    const { code, stdout, stderr } = await cli([
      '--base',
      base,
      '--head',
      head,
      '--format',
      'json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.base).toBe(base);
    expect(result.coverage.filesChanged).toBe(3);
    expect(result.coverage.filesReviewed).toBe(2);
    expect(result.coverage.skipped).toContainEqual({
      file: 'package-lock.json',
      reason: 'generated (lockfile)',
    });
    const rules = result.findings.map((f: { rule: string; line: number }) => `${f.rule}@${f.line}`);
    // without the guard, `const name` sits just above exec: the finding starts there (ADR 0045)
    expect(rules).toContain('security/command-injection@9');
    // the path traversal at line 5 predates the diff
    expect(rules.filter((r: string) => r.startsWith('security/path-traversal'))).toEqual([]);
    for (const finding of result.findings) {
      expect(finding.fingerprint).toMatch(/^[0-9a-f]{24}$/);
      expect(finding.source).toBe('gate');
      if (finding.category === 'style') expect(['low', 'info']).toContain(finding.severity);
    }
  });

  it('honours --fail-on: findings below it pass', async () => {
    const { code, stdout } = await cli([
      '--base',
      base,
      '--head',
      head,
      '--gates',
      'lint',
      '--format',
      'json',
    ]);
    const result = JSON.parse(stdout);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(
      result.findings.every((f: { severity: string }) => ['low', 'info'].includes(f.severity)),
    ).toBe(true);
    expect(code).toBe(0);
    const strict = await cli([
      '--base',
      base,
      '--head',
      head,
      '--gates',
      'lint',
      '--fail-on',
      'low',
      '--format',
      'json',
    ]);
    expect(strict.code).toBe(1);
  });

  it('reviews a unified diff file against the work tree, and renders SARIF 2.1.0 for code scanning', async () => {
    writeFileSync(join(repo.root, 'pr.diff'), repo.git('diff', `${base}...${head}`));
    const { code, stdout } = await cli([
      '--diff',
      'pr.diff',
      '--gates',
      'security',
      '--format',
      'sarif',
    ]);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    for (const rule of run.tool.driver.rules) {
      expect(rule.fullDescription.text.length).toBeGreaterThan(10);
      expect(rule.help.text.length).toBeGreaterThan(10);
    }
    const result = run.results.find(
      (r: { ruleId: string }) => r.ruleId === 'security/command-injection',
    );
    expect(result.partialFingerprints['shipgate/v1']).toMatch(/^[0-9a-f]{24}$/);
    expect(result.locations[0].physicalLocation.region.startLine).toBe(9);
  });

  it('renders Markdown with the summary first', async () => {
    const { stdout } = await cli(['--base', base, '--head', head, '--gates', 'security']);
    expect(stdout.split('\n')[0]).toMatch(/^\*\*shipgate review: failed .*1 critical/);
    expect(stdout).toContain('<details>');
  });

  it('explains usage errors with exit 2', async () => {
    expect((await cli([])).stderr).toMatch(/nothing to review/);
    expect((await cli([])).code).toBe(2);
    const badRef = await cli(['--base', 'no-such-ref', '--head', head]);
    expect(badRef.code).toBe(2);
    expect(badRef.stderr).toMatch(/--base no-such-ref is not a commit/);
    writeFileSync(join(repo.root, 'not.diff'), 'hello\n');
    const notDiff = await cli(['--diff', 'not.diff']);
    expect(notDiff.code).toBe(2);
    expect(notDiff.stderr).toMatch(/not a unified diff/);
    expect((await cli(['--diff', 'pr.diff', '--base', base])).code).toBe(2);
    expect((await cli(['--base', base, '--gates', 'nope'])).stderr).toMatch(/unknown gate nope/);
  });

  it('leaves out a finding listed in .shipgate/ignore with a reason', async () => {
    const first = JSON.parse(
      (await cli(['--base', base, '--head', head, '--gates', 'security', '--format', 'json']))
        .stdout,
    );
    const fp = first.findings.find(
      (f: { rule: string }) => f.rule === 'security/command-injection',
    ).fingerprint;
    mkdirSync(join(repo.root, '.shipgate'), { recursive: true });
    writeFileSync(join(repo.root, '.shipgate/ignore'), `${fp} the name is checked by the router\n`);
    try {
      const again = await cli([
        '--base',
        base,
        '--head',
        head,
        '--gates',
        'security',
        '--format',
        'json',
      ]);
      const rules = JSON.parse(again.stdout).findings.map(
        (f: { fingerprint: string }) => f.fingerprint,
      );
      expect(rules).not.toContain(fp);
    } finally {
      rmSync(join(repo.root, '.shipgate'), { recursive: true, force: true });
    }
  });
});
