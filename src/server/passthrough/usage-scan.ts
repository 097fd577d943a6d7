import type { FinishReason, Usage } from '../../gateway/types.js';
import {
  anthropicPayload,
  anthropicUsageOf,
  finishReasonOf,
  openaiPayload,
  openaiUsageOf,
  type WireFormat,
} from './wire-usage.js';

/** What the scanner learned from the bytes so far. */
export interface Scanned {
  text: string;
  usage: Usage | null;
  finishReason: FinishReason;
  /** The stream's terminator arrived (`[DONE]` / `message_stop`). */
  complete: boolean;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads one payload (an SSE `data:` or a whole JSON body) into `into`. */
function absorb(format: WireFormat, json: unknown, into: Scanned): void {
  if (format === 'anthropic') {
    const p = anthropicPayload.safeParse(json);
    if (!p.success) return;
    const { data } = p;
    if (data.type === 'message_stop') into.complete = true;
    const usage = data.message?.usage ?? data.usage;
    if (usage) into.usage = anthropicUsageOf(usage, into.usage);
    into.text += data.delta?.text ?? data.delta?.partial_json ?? '';
    for (const block of data.content ?? [])
      into.text += block.text ?? JSON.stringify(block.input ?? '');
    const finish = finishReasonOf(data.delta?.stop_reason ?? data.stop_reason);
    if (finish) into.finishReason = finish;
    return;
  }
  const p = openaiPayload.safeParse(json);
  if (!p.success) return;
  if (p.data.usage) into.usage = openaiUsageOf(p.data.usage);
  for (const choice of p.data.choices ?? []) {
    const part = choice.delta ?? choice.message;
    into.text += part?.content ?? choice.text ?? '';
    for (const call of part?.tool_calls ?? []) into.text += call.function?.arguments ?? '';
    const finish = finishReasonOf(choice.finish_reason);
    if (finish) into.finishReason = finish;
  }
}

/** A whole non-streaming JSON body; null when it is not JSON. */
export function scanJsonBody(format: WireFormat, bytes: Buffer): Scanned | null {
  const json = parseJson(bytes.toString('utf8'));
  if (json === undefined) return null;
  const scanned: Scanned = { text: '', usage: null, finishReason: 'other', complete: true };
  absorb(format, json, scanned);
  return scanned;
}

/**
 * Incremental SSE reader: feed it the raw chunks as they pass through; it splits
 * lines (across chunk boundaries), parses `data:` payloads and calls `onUsage`
 * the moment usage appears. It never changes or holds back the bytes.
 */
export class SseUsageScanner {
  readonly scanned: Scanned = { text: '', usage: null, finishReason: 'other', complete: false };
  readonly #decoder = new TextDecoder();
  #pending = '';

  constructor(
    private readonly format: WireFormat,
    private readonly onUsage: (usage: Usage) => void,
  ) {}

  push(chunk: Uint8Array): void {
    const text = this.#pending + this.#decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = text.indexOf('\n', start);
    while (newline !== -1) {
      this.#line(text.slice(start, newline));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.#pending = text.slice(start);
  }

  #line(raw: string): void {
    if (!raw.startsWith('data:')) return;
    const data = raw.slice(raw.charCodeAt(5) === 32 ? 6 : 5).trimEnd();
    if (data === '[DONE]') {
      this.scanned.complete = true;
      return;
    }
    const json = parseJson(data);
    if (json === undefined) return;
    const before = this.scanned.usage;
    absorb(this.format, json, this.scanned);
    if (this.scanned.usage && this.scanned.usage !== before) this.onUsage(this.scanned.usage);
  }
}
