export { startFakeAnthropic } from './anthropic.js';
export { replayFixture } from './fixtures.js';
export { startFakeOpenAI } from './openai.js';
export { countWords, splitChunks } from './reply.js';
export type {
  BilledUsage,
  FakeOptions,
  FakeUpstream,
  RecordedRequest,
  ReplyContext,
  Step,
  WireApi,
} from './types.js';
