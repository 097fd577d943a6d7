import type { Capability, ModelPrice } from './types.js';

/** Converts USD per 1M tokens (as providers publish them) to integer micro-dollars per 1M. */
export function usdPerMTokToMicros(usd: number): number {
  return Math.round(usd * 1_000_000);
}

export interface BuiltinModel {
  family: 'openai' | 'anthropic';
  contextWindow: number;
  capabilities: Capability[];
  /** USD per 1M tokens: input, output, cached input. */
  usd: [number, number, number];
}

const chat: Capability[] = ['chat', 'tools', 'json'];

/**
 * Public list prices (USD per 1M tokens) of common hosted models, as published by
 * OpenAI and Anthropic in 2025. Override any of them with `models.<alias>.price`.
 */
export const builtinModels: Record<string, BuiltinModel> = {
  'gpt-4o': { family: 'openai', contextWindow: 128_000, capabilities: chat, usd: [2.5, 10, 1.25] },
  'gpt-4o-mini': {
    family: 'openai',
    contextWindow: 128_000,
    capabilities: chat,
    usd: [0.15, 0.6, 0.075],
  },
  'gpt-4.1': { family: 'openai', contextWindow: 1_047_576, capabilities: chat, usd: [2, 8, 0.5] },
  'gpt-4.1-mini': {
    family: 'openai',
    contextWindow: 1_047_576,
    capabilities: chat,
    usd: [0.4, 1.6, 0.1],
  },
  'gpt-4.1-nano': {
    family: 'openai',
    contextWindow: 1_047_576,
    capabilities: chat,
    usd: [0.1, 0.4, 0.025],
  },
  'gpt-5': { family: 'openai', contextWindow: 400_000, capabilities: chat, usd: [1.25, 10, 0.125] },
  'gpt-5-mini': {
    family: 'openai',
    contextWindow: 400_000,
    capabilities: chat,
    usd: [0.25, 2, 0.025],
  },
  'gpt-5-nano': {
    family: 'openai',
    contextWindow: 400_000,
    capabilities: chat,
    usd: [0.05, 0.4, 0.005],
  },
  o3: { family: 'openai', contextWindow: 200_000, capabilities: chat, usd: [2, 8, 0.5] },
  'o4-mini': {
    family: 'openai',
    contextWindow: 200_000,
    capabilities: chat,
    usd: [1.1, 4.4, 0.275],
  },
  'claude-opus-4-5': {
    family: 'anthropic',
    contextWindow: 200_000,
    capabilities: chat,
    usd: [5, 25, 0.5],
  },
  'claude-opus-4-1': {
    family: 'anthropic',
    contextWindow: 200_000,
    capabilities: chat,
    usd: [15, 75, 1.5],
  },
  'claude-sonnet-4-5': {
    family: 'anthropic',
    contextWindow: 200_000,
    capabilities: chat,
    usd: [3, 15, 0.3],
  },
  'claude-sonnet-4-0': {
    family: 'anthropic',
    contextWindow: 200_000,
    capabilities: chat,
    usd: [3, 15, 0.3],
  },
  'claude-3-7-sonnet-latest': {
    family: 'anthropic',
    contextWindow: 200_000,
    capabilities: chat,
    usd: [3, 15, 0.3],
  },
  'claude-haiku-4-5': {
    family: 'anthropic',
    contextWindow: 200_000,
    capabilities: chat,
    usd: [1, 5, 0.1],
  },
  'claude-3-5-haiku-latest': {
    family: 'anthropic',
    contextWindow: 200_000,
    capabilities: chat,
    usd: [0.8, 4, 0.08],
  },
};

export function builtinPrice(model: BuiltinModel): ModelPrice {
  const [input, output, cached] = model.usd;
  return {
    inputPerMTokMicros: usdPerMTokToMicros(input),
    outputPerMTokMicros: usdPerMTokToMicros(output),
    cachedInputPerMTokMicros: usdPerMTokToMicros(cached),
  };
}

/** The model a provider family uses when nothing else is configured. */
export const defaultModelByFamily: Record<BuiltinModel['family'], string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-latest',
};
