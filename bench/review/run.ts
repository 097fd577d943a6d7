/**
 * Review benchmark (issue 12), gates only, no model:
 *   1. found-at-right-line rate on vulnerability-introducing commits (fixes of public
 *      advisories reversed, written for this bench: cases-vuln.ts);
 *   2. flag rate of ordinary commits at severity medium or above (cases-ordinary.ts);
 *   3. cold CLI time of `shipgate review` on a 500-line diff (target ≤ 3 s), JavaScript
 *      and TypeScript, side by side with `shipgate validate` of the same files.
 *   npm run bench:review [-- --runs 3] [-- --cases a,b] [-- --no-cold]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../src/config/load.js';
import { createValidator } from '../../src/gates/pipeline.js';
import { severityRank } from '../../src/gates/types.js';
import { gitContent, gitDiff } from '../../src/review/git-source.js';
import { loadLintKinds } from '../../src/review/review-severity.js';
import { runReview } from '../../src/review/run-review.js';
import type { ReviewFinding } from '../../src/review/types.js';
import { createGitRepo } from '../../src/review/test-support/git-repo.js';
import { stripMarkers, type ReviewCase } from './case.js';
import { ordinaryCases } from './cases-ordinary.js';
import { vulnCases } from './cases-vuln.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const only = process.argv.includes('--cases')
  ? new Set((process.argv[process.argv.indexOf('--cases') + 1] ?? '').split(','))
  : null;
const picked = (c: ReviewCase) => !only || only.has(c.name);
const gatesConfig = parseConfig({}, 'bench').gates;
const validator = createValidator();
const lintKind = await loadLintKinds();

interface Outcome {
  name: string;
  findings: ReviewFinding[];
  lines: number[];
  error?: string;
  /** Gate problems (a timeout under load, an error): the case was not fully reviewed. */
  notes?: string[];
}

async function reviewCase(c: ReviewCase): Promise<Outcome> {
  const repo = createGitRepo('sg-bench-review-');
  try {
    repo.write({ 'package.json': '{"name":"case","type":"module"}', [c.file]: c.base });
    const base = repo.commit('base');
    const { text, lines } = stripMarkers(c.head);
    repo.write({ [c.file]: text });
    const head = repo.commit('head');
    const result = await runReview(
      {
        diff: await gitDiff(repo.root, base, head),
        base,
        head,
        root: repo.root,
        content: gitContent(repo.root, head),
        failOn: 'high',
        config: gatesConfig,
      },
      { validator, lintKind },
    );
    return { name: c.name, findings: result.findings, lines, notes: result.notes };
  } catch (error) {
    return { name: c.name, findings: [], lines: [], error: String(error) };
  } finally {
    repo.remove();
  }
}

const atLeastMedium = (f: ReviewFinding) => severityRank[f.severity] >= severityRank.medium;

/**
 * A 500-line diff over five files: ordinary code with a few real findings, in
 * JavaScript or TypeScript (TypeScript needs the type program; JavaScript does not).
 */
function bigDiffRepo(lang: 'js' | 'ts'): {
  root: string;
  base: string;
  head: string;
  remove: () => void;
} {
  const repo = createGitRepo('sg-bench-review-cold-');
  repo.write({
    'package.json': '{"name":"cold","type":"module"}',
    'src/keep.js': 'export const keep = 1;\n',
  });
  const base = repo.commit('base');
  const files: Record<string, string> = {};
  for (let f = 0; f < 5; f += 1) {
    const body: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      body.push(
        lang === 'ts'
          ? `export function handler${f}_${i}(req: any, res: any, items: any[]) {`
          : `export function handler${f}_${i}(req, res, items) {`,
        `  const limit = Math.min(Number(req.query.limit) || 10, 100);`,
        `  const page = items.slice(0, limit).map((item) => ({ id: item.id, name: String(item.name) }));`,
        `  res.json({ page, total: items.length, at: ${i} });`,
        `}`,
      );
    }
    files[`src/module${f}.${lang}`] = `${body.join('\n')}\n`;
  }
  repo.write(files);
  const head = repo.commit('head');
  return { root: repo.root, base, head, remove: repo.remove };
}

function coldCli(lang: 'js' | 'ts'): {
  label: string;
  ms: number[];
  lines: number;
  exit: (number | null)[];
  findings: number;
  baselineMs: number[];
} {
  const cold = bigDiffRepo(lang);
  const built = existsSync(join(repoRoot, 'dist/cli/commands/review.js'));
  const args = built
    ? [join(repoRoot, 'bin/shipgate.js')]
    : ['--import', import.meta.resolve('tsx'), join(repoRoot, 'bench/validate/cli-entry.ts')];
  const label = built ? 'node bin/shipgate.js (dist)' : 'node --import tsx (dist not built)';
  const ms: number[] = [];
  let findingsCount = -1;
  const exit: (number | null)[] = [];
  const lines = spawnSync('git', ['diff', `${cold.base}...${cold.head}`], {
    cwd: cold.root,
    encoding: 'utf8',
  })
    .stdout.split('\n')
    .filter((l) => l.startsWith('+') && !l.startsWith('+++')).length;
  const baselineMs: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    // Baseline, side by side: `shipgate validate` cold on the same five files.
    const validateStarted = performance.now();
    spawnSync(process.execPath, [...args, 'validate', '--format', 'json', 'src'], {
      cwd: cold.root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: cold.root },
    });
    baselineMs.push(Math.round(performance.now() - validateStarted));
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      [
        ...args,
        'review',
        '--base',
        cold.base,
        '--head',
        cold.head,
        '--no-model',
        '--format',
        'json',
      ],
      { cwd: cold.root, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: cold.root } },
    );
    ms.push(Math.round(performance.now() - started));
    exit.push(child.status);
    if (child.status === 2 || child.status === null)
      process.stderr.write(child.stderr.slice(0, 500));
    else findingsCount = (JSON.parse(child.stdout) as { findings: unknown[] }).findings.length;
  }
  cold.remove();
  return { label, ms, lines, exit, findings: findingsCount, baselineMs };
}

const vulns = [];
for (const c of vulnCases.filter(picked)) vulns.push(await reviewCase(c));
const ordinary = [];
for (const c of ordinaryCases.filter(picked)) ordinary.push(await reviewCase(c));

const foundAtLine = vulns.filter((o) =>
  o.findings.some((f) => atLeastMedium(f) && o.lines.includes(f.line)),
);
const foundAnywhere = vulns.filter((o) => o.findings.some(atLeastMedium));
const flagged = ordinary.filter((o) => o.findings.some(atLeastMedium));
const errors = [...vulns, ...ordinary].filter((o) => o.error);
const skipped = {
  label: 'skipped (--no-cold)',
  ms: [],
  lines: 0,
  exit: [],
  findings: -1,
  baselineMs: [],
};
const noCold = process.argv.includes('--no-cold');
const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
function coldReport(lang: 'js' | 'ts') {
  const cli = noCold ? skipped : coldCli(lang);
  const median = medianOf(cli.ms);
  const baseline = medianOf(cli.baselineMs);
  return {
    language: lang,
    runner: cli.label,
    diffAddedLines: cli.lines,
    ms: cli.ms,
    medianMs: median,
    validateSameFilesMs: cli.baselineMs,
    validateMedianMs: baseline,
    reviewOverValidate: baseline ? +(median / baseline).toFixed(2) : null,
    exitCodes: cli.exit,
    targetMs: 3000,
  };
}
const coldCliJs = coldReport('js');
const coldCliTs = coldReport('ts');

const report = {
  at: new Date().toISOString(),
  loadAverage: loadavg().map((n) => +n.toFixed(1)),
  cpus: cpus().length,
  vulnerabilities: {
    cases: vulns.length,
    foundAtRightLine: foundAtLine.length,
    rate: +(foundAtLine.length / vulns.length).toFixed(3),
    foundAnywhereInDiff: foundAnywhere.length,
    missed: vulns
      .filter((o) => !foundAtLine.includes(o))
      .map((o) => ({
        name: o.name,
        lines: o.lines,
        findings: o.findings.map((f) => `${f.rule}@${f.line} ${f.severity}`),
      })),
  },
  ordinary: {
    cases: ordinary.length,
    flaggedAtMediumOrAbove: flagged.length,
    rate: +(flagged.length / ordinary.length).toFixed(3),
    flagged: flagged.map((o) => ({
      name: o.name,
      findings: o.findings.filter(atLeastMedium).map((f) => `${f.rule}@${f.line} ${f.severity}`),
    })),
  },
  errors: errors.map((o) => `${o.name}: ${o.error}`),
  partial: [...vulns, ...ordinary]
    .filter((o) => o.notes && o.notes.length > 0)
    .map((o) => `${o.name}: ${o.notes?.join('; ')}`),
  coldCli: coldCliJs,
  coldCliTypeScript: coldCliTs,
};
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
await validator.validate({ root: repoRoot, files: [], config: gatesConfig }).catch(() => undefined);
process.exit(0);
