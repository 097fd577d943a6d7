/**
 * Ordinary text nobody here wrote: the secrets detector over the code, docs and config of
 * the npm packages installed in node_modules. Packages ship almost no live credentials, so
 * each finding is a place to look at; most are stand-ins or code the generic rules took for
 * a value (how a scanner gets switched off). Reports counts by rule and a few examples.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { filesUnder } from '../shared/files-under.js';
import type { SecretDetector } from '../../src/secrets/detect.js';

const textFile =
  /\.(?:[cm]?[jt]sx?|json|md|ya?ml|py|rb|go|java|cs|php|sh|toml|ini|cfg|conf|properties|rst|txt|xml)$/;
const walk = {
  file: (name: string, size: number) =>
    textFile.test(name) && !name.endsWith('.min.js') && size < 300_000,
  maxDepth: 8,
};

export interface OrdinaryText {
  files: number;
  findings: number;
  perThousandFiles: number;
  byRule: Record<string, number>;
  examples: string[];
  ms: number;
}

/** Findings in the text under `root` (installed npm packages, or any tree `--ordinary` names). */
export async function ordinaryText(root: string, detector: SecretDetector): Promise<OrdinaryText> {
  const started = performance.now();
  const files = filesUnder(root, walk);
  const byRule: Record<string, number> = {};
  const examples: string[] = [];
  let findings = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of await detector.detect(text, file)) {
      findings += 1;
      byRule[match.rule] = (byRule[match.rule] ?? 0) + 1;
      if (examples.length < 12)
        examples.push(`${match.rule} ${relative(root, file)}:${match.line}`);
    }
  }
  return {
    files: files.length,
    findings,
    perThousandFiles: Math.round((findings / Math.max(1, files.length)) * 1000 * 100) / 100,
    byRule,
    examples,
    ms: Math.round(performance.now() - started),
  };
}
