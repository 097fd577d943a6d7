import type { FinishReason, Usage } from '../../gateway/types.js';
import { anthropicPayloadOf, openaiPayloadOf } from '../../providers/wire-payload.js';
import {
  anthropicUsageOf,
  finishReasonOf,
  openaiUsageOf,
  type WireFormat,
} from '../../providers/wire-usage.js';

/** What the scanner learned from the bytes so far. */
export interface Scanned {
  text: string;
  /** Valid usage the upstream reported so far (null: none, or unusable counts). */
  usage: Usage | null;
  /** `usage` is the upstream's final report (not Anthropic's opening `message_start`). */
  usageFinal: boolean;
  /** A report had a count that is not an integer ≥ 0: no later report is trusted either. */
  usageInvalid: boolean;
  finishReason: FinishReason;
  /** The stream's terminator arrived (`[DONE]` / `message_stop`). */
  complete: boolean;
  /** More than the preamble arrived: text, a finish reason or usage. */
  content: boolean;
  /** The message of an in-stream error event, when one arrived. */
  error: string | null;
}

export function emptyScanned(complete: boolean): Scanned {
  return {
    text: '',
    usage: null,
    usageFinal: false,
    usageInvalid: false,
    finishReason: 'other',
    complete,
    content: false,
    error: null,
  };
}

function errorText(error: { message?: string | null; type?: string | null }): string {
  return `${error.type ?? 'error'}: ${error.message ?? 'the upstream sent an error event'}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A parsed report, unless this or an earlier report of the answer was invalid. */
function trusted(into: Scanned, usage: Usage | null): Usage | null {
  if (usage === null) into.usageInvalid = true;
  return into.usageInvalid ? null : usage;
}

/** Reads one payload (an SSE `data:` or a whole JSON body) into `into`. */
function absorb(format: WireFormat, json: unknown, into: Scanned): void {
  if (format === 'anthropic') {
    const data = anthropicPayloadOf(json);
    if (!data) return;
    if (data.type === 'error' && data.error) into.error = errorText(data.error);
    if (data.type === 'message_stop') into.complete = true;
    const usage = data.message?.usage ?? data.usage;
    if (usage) {
      into.usage = trusted(into, anthropicUsageOf(usage, into.usage));
      // message_start opens with the input count; message_delta (or a whole body) ends it
      into.usageFinal = data.type !== 'message_start';
    }
    const before = into.text.length;
    into.text += data.delta?.text ?? data.delta?.partial_json ?? '';
    for (const block of data.content ?? [])
      into.text += block.text ?? JSON.stringify(block.input ?? '');
    const finish = finishReasonOf(data.delta?.stop_reason ?? data.stop_reason);
    if (finish) into.finishReason = finish;
    if (into.text.length > before || finish || into.usageFinal) into.content = true;
    return;
  }
  const data = openaiPayloadOf(json);
  if (!data) return;
  if (data.error) into.error = errorText(data.error);
  if (data.usage) {
    into.usage = trusted(into, openaiUsageOf(data.usage));
    into.usageFinal = true;
    into.content = true;
  }
  for (const choice of data.choices ?? []) {
    const part = choice.delta ?? choice.message;
    const before = into.text.length;
    into.text += part?.content ?? choice.text ?? '';
    for (const call of part?.tool_calls ?? []) into.text += call.function?.arguments ?? '';
    const finish = finishReasonOf(choice.finish_reason);
    if (finish) into.finishReason = finish;
    if (into.text.length > before || finish) into.content = true;
  }
}

/** One SSE `data:` payload into `into`; true when it brought new usage. */
export function scanData(format: WireFormat, data: string, into: Scanned): boolean {
  if (data === '[DONE]') {
    into.complete = true;
    return false;
  }
  const json = parseJson(data);
  if (json === undefined) return false;
  const before = into.usage;
  absorb(format, json, into);
  return into.usage !== null && into.usage !== before;
}

/** A whole non-streaming JSON body; null when it is not JSON. */
export function scanJsonBody(format: WireFormat, bytes: Buffer): Scanned | null {
  const json = parseJson(bytes.toString('utf8'));
  if (json === undefined) return null;
  const scanned = emptyScanned(true);
  absorb(format, json, scanned);
  scanned.usageFinal = scanned.usage !== null;
  return scanned;
}

/**
 * Incremental SSE reader: feed it the raw chunks as they pass through; it splits
 * lines (across chunk boundaries), parses `data:` payloads and calls `onUsage`
 * the moment usage appears. It never changes or holds back the bytes.
 */
export class SseUsageScanner {
  readonly scanned: Scanned = emptyScanned(false);
  readonly #decoder = new TextDecoder();
  /** The current line's text so far, in the pieces it arrived in (joined once it ends). */
  #pending: string[] = [];

  constructor(
    private readonly format: WireFormat,
    private readonly onUsage: (usage: Usage) => void,
  ) {}

  /**
   * Looks for newlines in the new chunk only: re-reading the unfinished line on every
   * chunk was quadratic (a 4 MB event in 1 KB chunks took 12.9 s of the event loop).
   */
  push(chunk: Uint8Array): void {
    const text = this.#decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      this.#endLine(text.slice(start, newline));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) this.#pending.push(text.slice(start));
  }

  #endLine(tail: string): void {
    const raw = this.#pending.length === 0 ? tail : this.#pending.join('') + tail;
    this.#pending = [];
    this.#line(raw);
  }

  #line(raw: string): void {
    if (!raw.startsWith('data:')) return;
    const data = raw.slice(raw.charCodeAt(5) === 32 ? 6 : 5).trimEnd();
    if (scanData(this.format, data, this.scanned)) this.onUsage(this.scanned.usage as Usage);
  }
}
