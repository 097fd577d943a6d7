import type { GatesConfig } from '../config/gates-schema.js';
import type { Validator } from '../gates/pipeline.js';
import { severityRank, type Severity } from '../gates/types.js';
import { baseFromHead } from './base-content.js';
import { parseUnifiedDiff, type DiffFile } from './diff.js';
import { diffRuleFindings } from './diff-rules/index.js';
import type { ContentSource } from './git-source.js';
import { reviewWithGates, type ReviewFile } from './gate-review.js';
import type { IgnoreList } from './ignore-file.js';
import type { LintKindLookup } from './review-severity.js';
import { skipReason } from './skip-rules.js';
import {
  compareReviewFindings,
  type ReviewFinding,
  type ReviewResult,
  type SkippedFile,
} from './types.js';

/** Reviews a file's changed hunks with a model; returns findings already anchored to the diff. */
export interface ModelReviewer {
  review(
    files: ReviewFile[],
    gateFindings: ReviewFinding[],
    signal?: AbortSignal,
  ): Promise<ModelReviewOutput>;
  /** Releases what the reviewer holds (the runtime's store and pools). */
  close?(): Promise<void>;
}

export interface ModelReviewOutput {
  findings: ReviewFinding[];
  offDiff: ReviewFinding[];
  skipped: SkippedFile[];
  alias: string | null;
  chunks: number;
  chunksReviewed: number;
  notes: string[];
}

export interface ReviewInput {
  /** The unified diff text. */
  diff: string;
  base: string | null;
  head: string | null;
  /** Project root the gates run in (tsconfig, ESLint config). */
  root: string;
  /** Where head versions come from (working tree, a commit, inline). */
  content: ContentSource;
  gates?: string[];
  failOn: Severity;
  config: GatesConfig;
  ignore?: IgnoreList;
  signal?: AbortSignal;
}

export interface ReviewDeps {
  validator: Validator;
  lintKind: LintKindLookup;
  /** Present when a model reviews too. */
  model?: ModelReviewer;
}

/** An added file's whole text is in its diff. */
function addedFromDiff(diff: DiffFile): string | null {
  if (diff.status !== 'added' || diff.hunks.length !== 1) return null;
  return diff.hunks[0]?.lines.map((l) => l.text).join('\n') ?? null;
}

/** The one skip that makes a review partial: the others (deleted, generated…) are by design. */
const unreadable = 'head version not found';

async function prepare(
  files: DiffFile[],
  input: ReviewInput,
  deps: ReviewDeps,
): Promise<{ reviewable: ReviewFile[]; skipped: SkippedFile[] }> {
  const skipped: SkippedFile[] = [];
  const reviewable: ReviewFile[] = [];
  const loaded = await Promise.all(
    files.map(async (diff) => {
      const early = skipReason(diff);
      if (early) return { diff, head: null, reason: early };
      const head = (await input.content.read(diff.path)) ?? addedFromDiff(diff);
      if (head === null) return { diff, head, reason: unreadable };
      return { diff, head, reason: skipReason(diff, head) };
    }),
  );
  for (const { diff, head, reason } of loaded) {
    const gated = deps.validator.appliesTo(diff.path, input.gates);
    const why = reason ?? (gated || deps.model ? null : 'no gate reviews this file type');
    if (why || head === null) skipped.push({ file: diff.path, reason: why ?? unreadable });
    else
      reviewable.push({
        diff,
        head,
        base: diff.status === 'added' ? '' : baseFromHead(head, diff.hunks),
      });
  }
  return { reviewable, skipped };
}

function dedupe(gate: ReviewFinding[], model: ReviewFinding[]): ReviewFinding[] {
  const taken = new Set(gate.map((f) => `${f.file}:${f.line}`));
  return model.filter((f) => !taken.has(`${f.file}:${f.line}`));
}

/**
 * The review service behind `shipgate review` and `POST /api/review`: the diff in, the
 * gates on head versions keeping what changed, the model when configured, the contract out.
 */
export async function runReview(input: ReviewInput, deps: ReviewDeps): Promise<ReviewResult> {
  const files = parseUnifiedDiff(input.diff);
  const { reviewable, skipped } = await prepare(files, input, deps);
  const gateFiles = reviewable.filter((file) =>
    deps.validator.appliesTo(file.diff.path, input.gates),
  );
  const gates = await reviewWithGates(
    { root: input.root, files: gateFiles, gates: input.gates, config: input.config },
    deps,
    input.signal,
  );
  const ruled = diffRuleFindings(gateFiles, input.gates);
  const taken = new Set(gates.findings.map((f) => `${f.file}:${f.line}`));
  gates.findings.push(...ruled.filter((f) => !taken.has(`${f.file}:${f.line}`)));
  const model = deps.model
    ? await deps.model.review(reviewable, gates.findings, input.signal)
    : null;
  const ignored = input.ignore?.entries ?? new Map<string, string>();
  const all = [...gates.findings, ...dedupe(gates.findings, model?.findings ?? [])]
    .filter((finding) => !ignored.has(finding.fingerprint))
    .sort(compareReviewFindings);
  const allSkipped = [...skipped, ...(model?.skipped ?? [])];
  const notes = [...gates.problems, ...(model?.notes ?? []), ...(input.ignore?.problems ?? [])];
  const result: ReviewResult = {
    passed: !all.some((f) => severityRank[f.severity] >= severityRank[input.failOn]),
    base: input.base,
    head: input.head,
    coverage: { filesChanged: files.length, filesReviewed: reviewable.length, skipped: allSkipped },
    findings: all,
    partial:
      gates.problems.length > 0 ||
      skipped.some((s) => s.reason === unreadable) ||
      (model !== null && (model.chunksReviewed < model.chunks || model.skipped.length > 0)),
    failOn: input.failOn,
  };
  if (notes.length > 0) result.notes = notes;
  if (model) {
    result.offDiff = model.offDiff.filter((f) => !ignored.has(f.fingerprint));
    result.model = {
      alias: model.alias,
      chunks: model.chunks,
      chunksReviewed: model.chunksReviewed,
      notes: model.notes,
    };
  }
  return result;
}
