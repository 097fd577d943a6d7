import { TokenWorker } from './token-worker.js';
import { o200kCounter, type CountTokens } from './tokens/o200k.js';
import type { ChatMessage, Usage } from './types.js';

let shared: TokenWorker | undefined;

/**
 * One counting worker per process, started on first use: the counter is immutable,
 * so every gateway in the process (tests build many) shares it. It is unref'd: it
 * never keeps the process alive.
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
/** Counts a batch of texts off the event loop (a background thread's `count`). */
export type OffThreadCount = (texts: string[]) => Promise<number[]>;

/**
 * Where the o200k table cannot load (a bundle without gpt-tokenizer's data file, such
 * as the GitHub Action): ~4 UTF-8 bytes per token, OpenAI's rule of thumb. Metering
 * still bills an estimate, flagged `estimated`, rather than failing at $0.
 */
export function approximateTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 4);
}

export class TokenEstimator {
  /** Where async counts run: the given thread (the store's writer), else the shared worker. */
  readonly #offThread: OffThreadCount;
  readonly #loadTable: () => CountTokens;
  /** The loaded counter, null once loading failed (not retried), undefined before. */
  #table: CountTokens | null | undefined;

  constructor(offThread?: OffThreadCount, loadTable: () => CountTokens = o200kCounter) {
    this.#offThread = offThread ?? ((texts) => sharedWorker().count(texts));
    this.#loadTable = loadTable;
  }

  /** o200k_base in this thread: built on first use (~0.15 s, ~9 MB; ADR 0035). */
  count(text: string): number {
    if (this.#table === undefined) {
      try {
        this.#table = this.#loadTable();
      } catch {
        this.#table = null;
      }
    }
    return this.#table ? this.#table(text) : approximateTokens(text);
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
      const counts = await this.#offThread([output, ...messages.map((m) => m.content)]);
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
