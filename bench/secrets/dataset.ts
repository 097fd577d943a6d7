/**
 * gitleaks' rule-test samples (../shared/bench-data/gitleaks-secrets-dev, evaluation only):
 * recall on samples labelled positive, false-positive rate on those labelled negative, split
 * into a tune half and a held-out half by a fixed salted hash of the sample text.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Gate } from '../../src/gates/types.js';

export interface Sample {
  rule: string;
  positive: boolean;
  text: string;
  /** The file name the sample came with, or a neutral one. */
  path: string;
  split: 'tune' | 'held-out';
}

export interface SplitScore {
  positives: number;
  found: number;
  recall: number;
  negatives: number;
  flagged: number;
  /** Any finding on a negative sample counts (the headline figure). */
  falsePositiveRate: number;
  /**
   * Negatives whose exact text is also labelled positive for another rule in the data set
   * (gitleaks tests each rule alone, so one text can be both): no detector can score those
   * as neither found nor flagged. Counted here, left out of the rate below.
   */
  selfContradictory: number;
  flaggedConsistent: number;
  falsePositiveRateConsistent: number;
  /** gitleaks' own test semantics: a negative counts only when its own rule fires on it. */
  flaggedByOwnRule: number;
  falsePositiveRateOwnRule: number;
  missedRules: string[];
  flaggedRules: string[];
}

export function defaultSamplesDir(): string {
  return resolve(
    process.env['SHIPGATE_BENCH_DATA'] ?? '../shared/bench-data',
    'gitleaks-secrets-dev',
  );
}

function splitOf(text: string): Sample['split'] {
  const byte = createHash('sha256').update(`shipgate-split:${text}`).digest()[0] ?? 0;
  return byte % 2 === 0 ? 'tune' : 'held-out';
}

export function loadSamples(dir: string): Sample[] | undefined {
  const path = join(dir, 'samples.jsonl');
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const r = JSON.parse(l) as Record<string, unknown>;
      const text = String(r['sample']);
      const file = typeof r['path'] === 'string' ? r['path'] : 'sample.txt';
      return {
        rule: String(r['rule_id']),
        positive: r['label'] === 'positive',
        text,
        path: file,
        split: splitOf(text),
      };
    });
}

/** Texts labelled positive anywhere in the data set (both halves: the label, not the split). */
export function positiveTexts(samples: readonly Sample[]): Set<string> {
  return new Set(samples.filter((s) => s.positive).map((s) => s.text));
}

/**
 * Scored through the secrets gate (the sample's file name matters for keystores): a positive
 * sample counts as found when anything in it is flagged; a negative one when anything is.
 */
export async function scoreSamples(
  samples: readonly Sample[],
  gate: Gate,
  alsoPositive: ReadonlySet<string> = new Set(),
): Promise<SplitScore> {
  const signal = new AbortController().signal;
  const s: SplitScore = {
    positives: 0,
    found: 0,
    recall: 0,
    negatives: 0,
    flagged: 0,
    falsePositiveRate: 0,
    selfContradictory: 0,
    flaggedConsistent: 0,
    falsePositiveRateConsistent: 0,
    flaggedByOwnRule: 0,
    falsePositiveRateOwnRule: 0,
    missedRules: [],
    flaggedRules: [],
  };
  for (const sample of samples) {
    const files = [{ path: sample.path, content: sample.text }];
    const findings = (await gate.run({ root: '.', files, options: {} }, signal)).findings;
    const hit = findings.length > 0;
    if (sample.positive) {
      s.positives++;
      if (hit) s.found++;
      else s.missedRules.push(sample.rule);
      continue;
    }
    s.negatives++;
    const contradictory = alsoPositive.has(sample.text);
    if (contradictory) s.selfContradictory++;
    if (findings.some((f) => f.rule === sample.rule)) s.flaggedByOwnRule++;
    if (!hit) continue;
    s.flagged++;
    s.flaggedRules.push(sample.rule);
    if (!contradictory) s.flaggedConsistent++;
  }
  const rate = (n: number, of: number): number => (of === 0 ? 0 : n / of);
  s.recall = s.positives === 0 ? 1 : s.found / s.positives;
  s.falsePositiveRate = rate(s.flagged, s.negatives);
  s.falsePositiveRateConsistent = rate(s.flaggedConsistent, s.negatives - s.selfContradictory);
  s.falsePositiveRateOwnRule = rate(s.flaggedByOwnRule, s.negatives);
  return s;
}
