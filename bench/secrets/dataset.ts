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
  falsePositiveRate: number;
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

/**
 * Scored through the secrets gate (the sample's file name matters for keystores): a positive
 * sample counts as found when anything in it is flagged; a negative one when anything is.
 */
export async function scoreSamples(samples: readonly Sample[], gate: Gate): Promise<SplitScore> {
  const signal = new AbortController().signal;
  const s: SplitScore = {
    positives: 0,
    found: 0,
    recall: 0,
    negatives: 0,
    flagged: 0,
    falsePositiveRate: 0,
    missedRules: [],
    flaggedRules: [],
  };
  for (const sample of samples) {
    const files = [{ path: sample.path, content: sample.text }];
    const hit = (await gate.run({ root: '.', files, options: {} }, signal)).findings.length > 0;
    if (sample.positive) {
      s.positives++;
      if (hit) s.found++;
      else s.missedRules.push(sample.rule);
    } else {
      s.negatives++;
      if (hit) {
        s.flagged++;
        s.flaggedRules.push(sample.rule);
      }
    }
  }
  s.recall = s.positives === 0 ? 1 : s.found / s.positives;
  s.falsePositiveRate = s.negatives === 0 ? 0 : s.flagged / s.negatives;
  return s;
}
