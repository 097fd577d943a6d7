/**
 * Secrets benchmark: recall per provider on generated real-format fake keys,
 * and false-positive rate on look-alikes, for shipgate's detector and for
 * secretlint's recommended preset alone, in the same run.
 *   node --import tsx bench/secrets/run.ts [--misses] [--seeds N] [--ordinary DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createSecretsGate } from '../../src/gates/secrets.js';
import type { Gate } from '../../src/gates/types.js';
import { createSecretDetector, type SecretDetector } from '../../src/secrets/detect.js';
import { negativeCases } from './cases/lookalikes.js';
import { ordinaryText } from './ordinary.js';
import {
  defaultSamplesDir,
  loadSamples,
  positiveTexts,
  scoreSamples,
  type SplitScore,
} from './dataset.js';
import { positiveCases } from './cases/positives.js';
import { covered, evaluateSeeds, printSeeds } from './seeds.js';
import { option, wholeNumber } from '../shared/args.js';

interface EngineReport {
  recall: Record<string, { found: number; total: number; recall: number }>;
  overallRecall: number;
  falsePositives: Record<string, { flagged: number; total: number; rate: number }>;
  overallFalsePositiveRate: number;
  missed: string[];
  flagged: string[];
  msPerCase: number;
}

function bump<T extends { total: number }>(map: Record<string, T>, key: string, init: T): T {
  map[key] ??= init;
  const entry = map[key];
  entry.total += 1;
  return entry;
}

async function evaluate(detector: SecretDetector): Promise<EngineReport> {
  const positives = positiveCases();
  const negatives = negativeCases();
  const recall: EngineReport['recall'] = {};
  const falsePositives: EngineReport['falsePositives'] = {};
  const missed: string[] = [];
  const flagged: string[] = [];
  const started = performance.now();
  for (const c of positives) {
    const entry = bump(recall, c.provider, { found: 0, total: 0, recall: 0 });
    if (covered(c, await detector.detect(c.text))) entry.found += 1;
    else missed.push(c.id);
  }
  for (const c of negatives) {
    const entry = bump(falsePositives, c.kind, { flagged: 0, total: 0, rate: 0 });
    const findings = await detector.detect(c.text);
    if (findings.length > 0) {
      entry.flagged += 1;
      flagged.push(`${c.id} (${findings.map((f) => f.rule).join(',')})`);
    }
  }
  const msPerCase = (performance.now() - started) / (positives.length + negatives.length);
  for (const e of Object.values(recall)) e.recall = e.found / e.total;
  for (const e of Object.values(falsePositives)) e.rate = e.flagged / e.total;
  return {
    recall,
    overallRecall: (positives.length - missed.length) / positives.length,
    falsePositives,
    overallFalsePositiveRate: flagged.length / negatives.length,
    missed,
    flagged,
    msPerCase,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function printTable(shipgate: EngineReport, secretlint: EngineReport): void {
  const rows: string[][] = [['provider', 'cases', 'shipgate', 'secretlint']];
  for (const [provider, e] of Object.entries(shipgate.recall)) {
    rows.push([
      provider,
      String(e.total),
      pct(e.recall),
      pct(secretlint.recall[provider]?.recall ?? 0),
    ]);
  }
  rows.push(['RECALL (all)', '', pct(shipgate.overallRecall), pct(secretlint.overallRecall)]);
  rows.push(['', '', '', '']);
  rows.push(['look-alike', 'cases', 'shipgate FP', 'secretlint FP']);
  for (const [kind, e] of Object.entries(shipgate.falsePositives)) {
    rows.push([
      kind,
      String(e.total),
      pct(e.rate),
      pct(secretlint.falsePositives[kind]?.rate ?? 0),
    ]);
  }
  rows.push([
    'FP RATE (all)',
    '',
    pct(shipgate.overallFalsePositiveRate),
    pct(secretlint.overallFalsePositiveRate),
  ]);
  rows.push(['ms/case', '', shipgate.msPerCase.toFixed(2), secretlint.msPerCase.toFixed(2)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
}

/** gitleaks' samples, tune and held-out halves, shipgate beside secretlint alone. */
async function evaluateSamples(
  ship: Gate,
  lint: Gate,
): Promise<Record<string, { shipgate: SplitScore; secretlint: SplitScore }> | undefined> {
  const dir = defaultSamplesDir();
  const samples = loadSamples(dir);
  if (!samples) {
    console.log(`(no gitleaks samples at ${dir}: skipped)`);
    return undefined;
  }
  const out: Record<string, { shipgate: SplitScore; secretlint: SplitScore }> = {};
  const alsoPositive = positiveTexts(samples);
  console.log(
    'gitleaks samples     positives negatives | shipgate recall  FP | secretlint recall  FP',
  );
  const fpViews: string[] = [];
  for (const split of ['tune', 'held-out'] as const) {
    const mine = samples.filter((s) => s.split === split);
    const a = await scoreSamples(mine, ship, alsoPositive);
    const b = await scoreSamples(mine, lint, alsoPositive);
    out[split] = { shipgate: a, secretlint: b };
    console.log(
      `${split.padEnd(20)} ${String(a.positives).padStart(9)} ${String(a.negatives).padStart(9)} |          ${pct(a.recall).padStart(6)} ${pct(a.falsePositiveRate).padStart(5)} |            ${pct(b.recall).padStart(6)} ${pct(b.falsePositiveRate).padStart(5)}`,
    );
    fpViews.push(
      `  ${split}: FP ${pct(a.falsePositiveRate)} any finding; ${pct(a.falsePositiveRateConsistent)} leaving out ${a.selfContradictory} negatives also labelled positive; ${pct(a.falsePositiveRateOwnRule)} counting only the sample's own rule (gitleaks' test semantics); secretlint ${pct(b.falsePositiveRateConsistent)} / ${pct(b.falsePositiveRateOwnRule)}`,
    );
    if (split === 'tune' && process.argv.includes('--misses')) {
      console.log(`  missed: ${a.missedRules.join(' ')}\n  flagged: ${a.flaggedRules.join(' ')}`);
    }
  }
  console.log(`shipgate false positives, three ways:\n${fpViews.join('\n')}`);
  console.log('');
  return out;
}

const samples = await evaluateSamples(
  createSecretsGate(),
  createSecretsGate({ providers: false, generic: false, secretlint: true }),
);
console.log('fresh real-format keys and look-alikes (bench/secrets/cases):');
const shipgate = await evaluate(createSecretDetector());
const secretlint = await evaluate(
  createSecretDetector({ providers: false, generic: false, secretlint: true }),
);
printTable(shipgate, secretlint);
if (shipgate.missed.length) console.log(`\nshipgate missed: ${shipgate.missed.join(' ')}`);
if (shipgate.flagged.length)
  console.log(`shipgate flagged look-alikes: ${shipgate.flagged.join(' ')}`);
const seeds = wholeNumber('--seeds', 1) - 1;
const moreSeeds = seeds > 0 ? await evaluateSeeds(createSecretDetector(), seeds) : undefined;
if (moreSeeds) printSeeds(moreSeeds);
const ordinary = await ordinaryText(
  new URL('../../node_modules', import.meta.url).pathname,
  createSecretDetector(),
);
console.log(
  `\nordinary text (${ordinary.files} files of installed npm packages, ${ordinary.ms} ms): ${ordinary.findings} findings (${ordinary.perThousandFiles} per 1,000 files) ${JSON.stringify(ordinary.byRule)}\n  e.g. ${ordinary.examples.slice(0, 6).join(', ')}`,
);
const extraRoot = option('--ordinary', null);
const extra = extraRoot ? await ordinaryText(extraRoot, createSecretDetector()) : undefined;
if (extra)
  console.log(
    `ordinary text under ${extraRoot} (${extra.files} files, ${extra.ms} ms): ${extra.findings} findings ${JSON.stringify(extra.byRule)}\n  e.g. ${extra.examples.slice(0, 6).join(', ')}`,
  );
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL(`secrets-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, dir);
const summary = {
  gitleaksSamples: samples,
  positives: positiveCases().length,
  negatives: negativeCases().length,
  shipgate,
  secretlint,
  moreSeeds,
  ordinary,
  extra,
};
writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\nwrote ${file.pathname}`);
