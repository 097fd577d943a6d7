/**
 * Maps AI SDK usage to the gateway's Usage. "The upstream sent no usage" (both
 * totals undefined) is null, distinct from a reported 0; the metering layer
 * estimates in that case.
 */
import type { LanguageModelV3Usage } from '@ai-sdk/provider';
import type { Usage } from '../gateway/types.js';

export function toUsage(usage: LanguageModelV3Usage): Usage | null {
  const input = usage.inputTokens.total;
  const output = usage.outputTokens.total;
  if (input === undefined && output === undefined) return null;
  return {
    inputTokens: input ?? 0,
    outputTokens: output ?? 0,
    cachedInputTokens: usage.inputTokens.cacheRead ?? 0,
    estimated: false,
  };
}
