/**
 * The provider kinds the contract suite runs against: which fake upstream serves
 * each, how to read its request bodies, and what its recorded fixtures map to.
 */
import type { GenerateOutput, ProviderKind, StreamEvent } from '../../src/gateway/types.js';
import { startFakeAnthropic } from './anthropic.js';
import { startFakeOpenAI } from './openai.js';
import { readAnthropicRequest, readOpenAIRequest, type SentRequest } from './sent-request.js';
import type { FakeUpstream } from './types.js';

export interface ContractTarget {
  kind: ProviderKind;
  modelId: string;
  start: () => Promise<FakeUpstream>;
  read: (body: unknown) => SentRequest;
  /** Anthropic's wire format requires usage: its absence is a bad response. */
  usageRequired: boolean;
  /** Recorded responses (fixtures) and what they must map to. */
  recorded: {
    json: string;
    stream: string;
    jsonOutput: GenerateOutput;
    streamEvents: StreamEvent[];
  };
}

const usage = (inputTokens: number, outputTokens: number, cachedInputTokens: number) => ({
  inputTokens,
  outputTokens,
  cachedInputTokens,
  estimated: false,
});

const openAIRecorded: ContractTarget['recorded'] = {
  json: 'openai-chat-completion.json',
  stream: 'openai-chat-stream.sse',
  jsonOutput: {
    text: 'Hello! How can I assist you today?',
    usage: usage(19, 10, 0),
    finishReason: 'stop',
  },
  streamEvents: [
    { type: 'text', text: 'Hello' },
    { type: 'text', text: ' there!' },
    { type: 'usage', usage: usage(1203, 3, 1024) },
    { type: 'finish', finishReason: 'stop' },
  ],
};

export const contractTargets: ContractTarget[] = [
  {
    kind: 'openai',
    modelId: 'gpt-4o-mini',
    start: startFakeOpenAI,
    read: readOpenAIRequest,
    usageRequired: false,
    recorded: openAIRecorded,
  },
  {
    kind: 'anthropic',
    modelId: 'claude-sonnet-4-5',
    start: startFakeAnthropic,
    read: readAnthropicRequest,
    usageRequired: true,
    recorded: {
      json: 'anthropic-message.json',
      stream: 'anthropic-stream.sse',
      jsonOutput: { text: 'Hello!', usage: usage(12, 6, 0), finishReason: 'stop' },
      streamEvents: [
        { type: 'text', text: 'Hello' },
        { type: 'text', text: '!' },
        { type: 'usage', usage: usage(25 + 2048, 15, 2048) },
        { type: 'finish', finishReason: 'stop' },
      ],
    },
  },
  {
    kind: 'openai-compatible',
    modelId: 'qwen2.5-coder-7b',
    start: startFakeOpenAI,
    read: readOpenAIRequest,
    usageRequired: false,
    recorded: openAIRecorded,
  },
];
