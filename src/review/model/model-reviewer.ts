import type { GatewayResult } from '../../gateway/call-result.js';
import type { ModelRequest, ModelSpec } from '../../gateway/types.js';
import { isShipgateError } from '../../errors.js';
import { fingerprintAll } from '../fingerprint.js';
import type { ReviewFile } from '../gate-review.js';
import type { ModelReviewer, ModelReviewOutput } from '../run-review.js';
import type { ReviewFinding } from '../types.js';
import { answerInstruction, parseModelAnswer, type ModelAnswer } from './answer.js';
import { chunkFiles, estimateTokens, type ReviewChunk } from './chunks.js';
import { definitionsBudget, type DefinitionsFor } from './definitions.js';

/** The part of the gateway the model review uses (a library call, as generate does). */
export interface ReviewGateway {
  generate(request: ModelRequest, options?: { signal?: AbortSignal }): Promise<GatewayResult>;
  registry: { candidates(task: 'review', model?: string): ModelSpec[] };
}

export interface ModelReviewerOptions {
  gateway: ReviewGateway;
  model?: string;
  caller: string;
  /** Project instructions to include (AGENTS.md and friends), already loaded. */
  instructions?: string;
  /** Total prompt+answer tokens the whole review may use (default 200k). */
  tokenBudget?: number;
  /** Tokens reserved for each answer (default 2,000). */
  answerTokens?: number;
  /** The definitions a changed file imports (a project on disk only; see definitions.ts). */
  definitions?: DefinitionsFor;
  close?: () => Promise<void>;
}

const systemPrompt =
  'You review a code change as a senior engineer. Report only likely bugs and vulnerabilities that the ' +
  'added lines introduce (a guard narrowed or removed, unvalidated input reaching a sink, a weaker algorithm, ' +
  'a catastrophic regex, a missing await, an off-by-one), not style. ';

type Anchored = { inline: ReviewFinding[]; offDiff: ReviewFinding[] };

function anchor(answer: ModelAnswer, chunk: ReviewChunk, file: ReviewFile): Anchored {
  const inline: Omit<ReviewFinding, 'fingerprint'>[] = [];
  const offDiff: Omit<ReviewFinding, 'fingerprint'>[] = [];
  const headLines = file.head.split('\n').length;
  for (const raw of answer.findings) {
    const base = {
      file: chunk.file,
      line: raw.line,
      severity: raw.severity,
      category: raw.category.toLowerCase(),
      rule: `model/${raw.category.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`,
      source: 'model' as const,
      message: raw.message,
      ...(raw.suggestion ? { suggestion: raw.suggestion } : {}),
      ...(raw.endLine && raw.endLine > raw.line ? { endLine: raw.endLine } : {}),
    };
    const sameFile = raw.file.replace(/^[ab]\//, '') === chunk.file;
    if (sameFile && chunk.anchors.has(raw.line)) inline.push(base);
    else if (sameFile && raw.line <= headLines) offDiff.push(base);
    // A finding on another file or a line the file does not have is dropped: nothing to show.
  }
  const prints = fingerprintAll([...inline, ...offDiff], chunk.file, file.head);
  const withPrint = (f: Omit<ReviewFinding, 'fingerprint'>): ReviewFinding => ({
    ...f,
    fingerprint: prints.get(f) ?? '',
  });
  return { inline: inline.map(withPrint), offDiff: offDiff.map(withPrint) };
}

function prompt(
  options: ModelReviewerOptions,
  chunk: ReviewChunk,
  definitions: string,
): ModelRequest['messages'] {
  const instructions = options.instructions
    ? `\nProject instructions:\n${options.instructions}\n`
    : '';
  const used = definitions
    ? `\n\nDefinitions this file imports (context only, not under review):\n\n${definitions}`
    : '';
  return [
    { role: 'system', content: `${systemPrompt}${answerInstruction}${instructions}` },
    {
      role: 'user',
      content: `File: ${chunk.file}\nEach line: head line number, "+" added / "-" removed / " " unchanged, code. Changed code is shown with the whole function around it.\n\n${chunk.text}${used}`,
    },
  ];
}

/** The file's definitions, or '' (with a note) when the index cannot give them. */
async function definitionsOf(
  options: ModelReviewerOptions,
  path: string,
  notes: string[],
): Promise<string> {
  if (!options.definitions) return '';
  try {
    return await options.definitions(path);
  } catch (error) {
    notes.push(
      `definitions for ${path} not added: ${error instanceof Error ? error.message : String(error)}`,
    );
    return '';
  }
}

interface ChunkOutcome {
  found?: Anchored;
  note?: string;
  tokens: number;
}

async function reviewChunkAnchored(
  options: ModelReviewerOptions,
  work: { chunk: ReviewChunk; file: ReviewFile; definitions: string },
  answerTokens: number,
  signal?: AbortSignal,
): Promise<ChunkOutcome> {
  const { chunk, file } = work;
  let reply: GatewayResult;
  try {
    reply = await options.gateway.generate(
      {
        task: 'review',
        model: options.model,
        messages: prompt(options, chunk, work.definitions),
        temperature: 0,
        maxOutputTokens: answerTokens,
        responseFormat: 'json',
        caller: options.caller,
        // issue 15: the reviewed file's code is in the prompt (egress policy)
        egress: { paths: [chunk.file] },
      },
      { signal },
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    const why = isShipgateError(error) ? error.message : String(error);
    return { note: `model review of ${chunk.file} failed: ${why}`, tokens: chunk.tokens };
  }
  const tokens = (reply.usage?.inputTokens ?? chunk.tokens) + (reply.usage?.outputTokens ?? 0);
  const parsed = parseModelAnswer(reply.text);
  if (!parsed.ok) {
    const cut = reply.finishReason === 'length' ? ' (cut at the output limit)' : '';
    return { note: `model review of ${chunk.file} not used: ${parsed.reason}${cut}`, tokens };
  }
  return { found: anchor(parsed.answer, chunk, file), tokens };
}

/**
 * Model review over the gateway: the diff chunked to fit the model's context window and the
 * token budget, each answer validated with a schema and every anchor checked against the diff.
 * A chunk not reviewed (budget, failure, invalid or truncated answer) makes the review partial.
 */
export function createModelReviewer(options: ModelReviewerOptions): ModelReviewer {
  return {
    close: options.close,
    async review(files, _gateFindings, signal): Promise<ModelReviewOutput> {
      const spec = options.gateway.registry.candidates('review', options.model)[0];
      const answerTokens = options.answerTokens ?? 2000;
      const overhead =
        estimateTokens(systemPrompt + answerInstruction + (options.instructions ?? '')) + 200;
      const window = spec?.contextWindow ?? 8192;
      const reserved = options.definitions ? definitionsBudget : 0;
      const perChunk = Math.max(500, Math.min(window - answerTokens - overhead - reserved, 12_000));
      const { chunks, tooLarge } = chunkFiles(files, perChunk);
      const out: ModelReviewOutput = {
        findings: [],
        offDiff: [],
        skipped: tooLarge.map((t) => ({
          file: t.file,
          reason: `model: hunk at line ${t.line} exceeds the context window`,
        })),
        alias: spec?.alias ?? options.model ?? null,
        chunks: chunks.length + tooLarge.length,
        chunksReviewed: 0,
        notes: [],
      };
      let left = options.tokenBudget ?? 200_000;
      const byPath = new Map(files.map((f) => [f.diff.path, f]));
      const definitions = new Map<string, string>();
      for (const chunk of chunks) {
        const file = byPath.get(chunk.file);
        if (!file) continue;
        if (!definitions.has(chunk.file))
          definitions.set(chunk.file, await definitionsOf(options, chunk.file, out.notes));
        const used = definitions.get(chunk.file) ?? '';
        if (chunk.tokens + estimateTokens(used) + overhead + answerTokens > left) {
          out.skipped.push({ file: chunk.file, reason: 'model: token budget exhausted' });
          continue;
        }
        const work = { chunk, file, definitions: used };
        const outcome = await reviewChunkAnchored(options, work, answerTokens, signal);
        left -= outcome.tokens;
        if (outcome.note) out.notes.push(outcome.note);
        if (!outcome.found) continue;
        out.chunksReviewed += 1;
        out.findings.push(...outcome.found.inline);
        out.offDiff.push(...outcome.found.offDiff);
      }
      return out;
    },
  };
}
