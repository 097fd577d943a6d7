import { resolve } from 'node:path';
import type { GatesConfig } from '../config/gates-schema.js';
import type { Validator } from '../gates/pipeline.js';
import { pipelineRules } from '../gates/run-gate.js';
import type { Finding } from '../gates/types.js';
import type { ValidationReport } from '../gates/validation-report.js';
import type { DiffFile } from './diff.js';
import { fingerprintAll } from './fingerprint.js';
import { classifyForReview, type LintKindLookup } from './review-severity.js';
import type { ReviewFinding } from './types.js';

/** A changed file ready for the gates: head text, and the base text when known. */
export interface ReviewFile {
  diff: DiffFile;
  head: string;
  base: string | null;
}

export interface GateReviewInput {
  root: string;
  files: ReviewFile[];
  gates?: string[];
  config: GatesConfig;
}

export interface GateReviewDeps {
  validator: Validator;
  lintKind: LintKindLookup;
}

export interface GateReviewOutput {
  findings: ReviewFinding[];
  /** Gates that errored or timed out: the review is partial. */
  problems: string[];
}

/** Gates whose findings are compared with the base version ("did this diff introduce it?"). */
const comparedGates = ['security'];
const pipelineRuleSet = new Set<string>(Object.values(pipelineRules));

function findingsByFile(report: ValidationReport): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const file of report.files) {
    map.set(
      file.file,
      file.findings.map((finding) => ({ ...finding, file: file.file })),
    );
  }
  return map;
}

function overlaps(finding: Finding, lines: Set<number>): boolean {
  const end = Math.max(finding.line, finding.endLine ?? finding.line);
  // A multi-line finding (a call spanning lines) counts when any of its first lines changed.
  for (let line = finding.line; line <= Math.min(end, finding.line + 20); line += 1)
    if (lines.has(line)) return true;
  return false;
}

function problemsOf(report: ValidationReport): string[] {
  return report.gates
    .filter((gate) => gate.verdict === 'fail' && gate.reason && /timed out|error/.test(gate.reason))
    .map((gate) => `${gate.gate} gate ${gate.reason ?? 'failed'}`);
}

/**
 * Keeps the head findings the diff is responsible for: on an added or changed line, or
 * (security) new compared with the base version — a removed guard leaves the sink line
 * untouched, but the flow is new.
 */
function keep(
  file: ReviewFile,
  headFindings: Finding[],
  baseFingerprints: Set<string> | null,
  lintKind: LintKindLookup,
): ReviewFinding[] {
  const relevant = headFindings.filter((finding) => !pipelineRuleSet.has(finding.rule));
  const prints = fingerprintAll(relevant, file.diff.path, file.head);
  const kept: ReviewFinding[] = [];
  for (const finding of relevant) {
    const fingerprint = prints.get(finding) ?? '';
    const onChange = overlaps(finding, file.diff.changed);
    const introduced =
      baseFingerprints !== null &&
      comparedGates.includes(finding.gate) &&
      !baseFingerprints.has(fingerprint);
    if (!onChange && !introduced) continue;
    const { severity, category } = classifyForReview(finding, lintKind);
    const out: ReviewFinding = {
      fingerprint,
      file: file.diff.path,
      line: finding.line,
      severity,
      category,
      rule: `${finding.gate}/${finding.rule}`,
      source: 'gate',
      message: finding.message,
    };
    if (finding.endLine !== undefined && finding.endLine !== finding.line)
      out.endLine = finding.endLine;
    if (finding.cwe) out.cwe = finding.cwe;
    if (finding.fix) out.suggestion = finding.fix;
    kept.push(out);
  }
  return kept;
}

async function baseFingerprints(
  input: GateReviewInput,
  deps: GateReviewDeps,
  signal?: AbortSignal,
): Promise<Map<string, Set<string>>> {
  const gates = comparedGates.filter((gate) => !input.gates || input.gates.includes(gate));
  const withBase = input.files.filter((file) => file.base !== null);
  const result = new Map<string, Set<string>>();
  if (gates.length === 0 || withBase.length === 0) return result;
  const report = await deps.validator.validate(
    {
      root: input.root,
      files: withBase.map((file) => ({
        path: resolve(input.root, file.diff.path),
        content: file.base ?? '',
      })),
      gates,
      config: input.config,
    },
    signal,
  );
  const byFile = findingsByFile(report);
  for (const file of withBase) {
    const findings = (byFile.get(file.diff.path) ?? []).filter((f) => !pipelineRuleSet.has(f.rule));
    result.set(
      file.diff.path,
      new Set(fingerprintAll(findings, file.diff.path, file.base ?? '').values()),
    );
  }
  return result;
}

/** Runs the gates (the `validate` pipeline and config) on head versions; keeps what the diff changed. */
export async function reviewWithGates(
  input: GateReviewInput,
  deps: GateReviewDeps,
  signal?: AbortSignal,
): Promise<GateReviewOutput> {
  if (input.files.length === 0) return { findings: [], problems: [] };
  const [report, base] = await Promise.all([
    deps.validator.validate(
      {
        root: input.root,
        files: input.files.map((file) => ({
          path: resolve(input.root, file.diff.path),
          content: file.head,
        })),
        gates: input.gates,
        config: input.config,
      },
      signal,
    ),
    baseFingerprints(input, deps, signal),
  ]);
  const byFile = findingsByFile(report);
  const findings = input.files.flatMap((file) =>
    keep(file, byFile.get(file.diff.path) ?? [], base.get(file.diff.path) ?? null, deps.lintKind),
  );
  return { findings, problems: problemsOf(report) };
}
