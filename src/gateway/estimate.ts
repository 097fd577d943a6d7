import { createRequire } from 'node:module';
import type { Tiktoken as TiktokenClass, TiktokenBPE } from 'js-tiktoken/lite';
import { TokenWorker } from './token-worker.js';
import type { ChatMessage, Usage } from './types.js';

const load = createRequire(import.meta.url);

/**
 * o200k_base, loaded on first use: js-tiktoken's main entry embeds every encoding's
 * ranks (5.6 MB of source, ~13 MB of heap) at import, which every server paid at
 * startup although most calls never estimate. Same encoder as `getEncoding('o200k_base')`.
 */
let encoder: TiktokenClass | undefined;

/** One encoder per thread: it is immutable and takes ~1–3 s of CPU and ~13 MB to build. */
function o200k(): TiktokenClass {
  if (encoder) return encoder;
  const lite = load('js-tiktoken/lite') as { Tiktoken: typeof TiktokenClass };
  encoder = new lite.Tiktoken(load('js-tiktoken/ranks/o200k_base') as TiktokenBPE);
  return encoder;
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
  #encoding: TiktokenClass | undefined;

  count(text: string): number {
    this.#encoding ??= o200k();
    return this.#encoding.encode(text, [], []).length;
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
