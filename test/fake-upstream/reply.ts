/**
 * Deterministic replies and usage for the fake upstreams: input tokens are the
 * prompt's whitespace-separated words, output tokens the reply's chunks.
 */
import type { FakeOptions, ReplyContext, Step } from './types.js';

export interface PlannedReply {
  text: string;
  /** The reply split into stream chunks (one word plus its trailing space each). */
  chunks: string[];
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  /** True when `maxTokens` cut the reply short. */
  truncated: boolean;
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

export function splitChunks(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
}

export function defaultReply(ctx: ReplyContext): string {
  return `Echo: ${ctx.lastUserText}`;
}

export function planReply(
  ctx: ReplyContext,
  step: Step,
  options: FakeOptions,
  maxTokens?: number,
): PlannedReply {
  const all = splitChunks(step.reply ?? (options.reply ?? defaultReply)(ctx));
  const truncated = maxTokens !== undefined && all.length > maxTokens;
  const chunks = truncated ? all.slice(0, maxTokens) : all;
  const text = chunks.join('');
  const inputTokens = step.inputTokens ?? countWords(ctx.promptText);
  const cachedTokens = Math.min(step.cachedTokens ?? options.cachedTokens ?? 0, inputTokens);
  return {
    text,
    chunks,
    inputTokens,
    outputTokens: step.outputTokens ?? chunks.length,
    cachedTokens,
    truncated,
  };
}
