import { getEncoding, type Tiktoken } from 'js-tiktoken';
import type { ChatMessage, Usage } from './types.js';

/**
 * Local token estimate, used only when the upstream reports no usage (then flagged
 * `estimated`). o200k_base is the encoding of current OpenAI models; for other
 * families it is an approximation, which is what `estimated` says.
 */
export class TokenEstimator {
  #encoding: Tiktoken | undefined;

  count(text: string): number {
    this.#encoding ??= getEncoding('o200k_base');
    return this.#encoding.encode(text, [], []).length;
  }

  /** Chat framing adds ~4 tokens per message and 3 for the reply priming (OpenAI's rule). */
  countMessages(messages: ChatMessage[]): number {
    return messages.reduce((sum, m) => sum + 4 + this.count(m.content), 3);
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
