import { createRequire } from 'node:module';
import { TokenWorker } from './token-worker.js';
import type { ChatMessage, Usage } from './types.js';

const load = createRequire(import.meta.url);

/** What this module needs of gpt-tokenizer's o200k_base encoding. */
interface Encoding {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

/** Special-token text (`<|endoftext|>`) in a prompt is counted as the text it is. */
const asText = { disallowedSpecial: new Set<string>() };

let encoding: Encoding | undefined;

/**
 * o200k_base, loaded on first use, once per thread. gpt-tokenizer counts exactly as
 * js-tiktoken did (same ranks; pinned by a test) in ~1/3 of the memory and ~1/5 of
 * the time (ADR 0031); its build still costs ~0.5 s of CPU, so metering counts on a
 * worker (token-worker.ts).
 */
function o200k(): Encoding {
  encoding ??= load('gpt-tokenizer/encoding/o200k_base') as Encoding;
  return encoding;
}

let shared: TokenWorker | undefined;

/**
 * One counting worker per process, started on first use: the encoder is immutable
 * and costs ~3 s of CPU and ~13 MB to build, so every gateway in the process (tests
 * build many) shares it. It is unref'd: it never keeps the process alive.
 */
function sharedWorker(): TokenWorker {
  shared ??= new TokenWorker();
  return shared;
}

/**
 * Local token estimate, used only when the upstream reports no usage (then flagged
 * `estimated`). o200k_base is the encoding of current OpenAI models; for other
 * families it is an approximation, which is what `estimated` says.
 */
export class TokenEstimator {
  count(text: string): number {
    return o200k().countTokens(text, asText);
  }

  /** Chat framing adds ~4 tokens per message and 3 for the reply priming (OpenAI's rule). */
  countMessages(messages: ChatMessage[]): number {
    return messages.reduce((sum, m) => sum + 4 + this.count(m.content), 3);
  }

  /**
   * The same estimate, counted off the main thread (metering on the request path);
   * falls back to counting here if the worker cannot run.
   */
  async estimateUsageAsync(messages: ChatMessage[], output: string): Promise<Usage> {
    try {
      const counts = await sharedWorker().count([output, ...messages.map((m) => m.content)]);
      const [outputTokens = 0, ...inputs] = counts;
      return {
        inputTokens: inputs.reduce((sum, n) => sum + 4 + n, 3),
        outputTokens,
        cachedInputTokens: 0,
        estimated: true,
      };
    } catch {
      return this.estimateUsage(messages, output);
    }
  }

  estimateUsage(messages: ChatMessage[], output: string): Usage {
    return {
      inputTokens: this.countMessages(messages),
      outputTokens: this.count(output),
      cachedInputTokens: 0,
      estimated: true,
    };
  }
}
