/**
 * Maps AI SDK usage to the gateway's Usage. "The upstream sent no usage" (both
 * totals undefined) is null, distinct from a reported 0; so is a report with a
 * count that is not an integer ≥ 0 (negative, fractional): the metering layer
 * then estimates and flags the record `estimated`.
 */
import type { LanguageModelV3Usage } from '@ai-sdk/provider';
import type { Usage } from '../gateway/types.js';
import { reportedUsage, tokenCount } from './wire-usage.js';

export function toUsage(usage: LanguageModelV3Usage): Usage | null {
  const rawInput = usage.inputTokens.total;
  const rawOutput = usage.outputTokens.total;
  if (rawInput === undefined && rawOutput === undefined) return null;
  const input = rawInput === undefined ? 0 : tokenCount(rawInput);
  const output = rawOutput === undefined ? 0 : tokenCount(rawOutput);
  const rawCached = usage.inputTokens.cacheRead;
  const cached = rawCached === undefined ? 0 : tokenCount(rawCached);
  return reportedUsage(input, output, cached);
}
