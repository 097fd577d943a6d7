/**
 * Restores redaction placeholders in an upstream's SSE stream on the byte
 * pass-through (issue 15). Each text channel — a choice's content, a tool call's
 * arguments, an Anthropic content block — has its own StreamRestorer, so a
 * placeholder split across events at any character is restored whole. What a
 * channel still holds when it ends (finish_reason, content_block_stop, [DONE], end
 * of stream) goes out in one synthesised delta event just before that point.
 * Events that carry no text pass through byte for byte.
 */
import type { WireFormat } from '../providers/wire-usage.js';
import { StreamRestorer } from './stream-restorer.js';
import { jsonEscapedEntries } from './wire-redaction.js';

type Json = Record<string, unknown>;

interface Channel {
  restorer: StreamRestorer;
  /** Writes held text back into an event as this channel's delta. */
  emit: (held: string) => string;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object';

export class SseRestorer {
  readonly #channels = new Map<string, Channel>();
  readonly #plain: Readonly<Record<string, string>>;
  readonly #escaped: Readonly<Record<string, string>>;
  #pending = '';
  /** Whether the event being read had a text field (only those are re-serialised). */
  #touched = false;
  /** The envelope of the last OpenAI chunk (id, model, …), for synthesised events. */
  #lastChunk: Json = {};

  constructor(
    private readonly format: WireFormat,
    entries: Readonly<Record<string, string>>,
  ) {
    this.#plain = entries;
    this.#escaped = jsonEscapedEntries(entries);
  }

  /** Bytes from the upstream in, restored bytes out (whole events only; a partial one waits). */
  push(chunk: Buffer): Buffer {
    this.#pending += chunk.toString('utf8');
    const out: string[] = [];
    for (;;) {
      const end = /\r?\n\r?\n/.exec(this.#pending);
      if (!end) break;
      const block = this.#pending.slice(0, end.index);
      this.#pending = this.#pending.slice(end.index + end[0].length);
      out.push(this.#event(block));
    }
    return Buffer.from(out.join(''), 'utf8');
  }

  /** The end of the stream: held text of every open channel, then any partial event. */
  end(): Buffer {
    const rest = this.#closeAll() + this.#pending;
    this.#pending = '';
    return Buffer.from(rest, 'utf8');
  }

  #event(block: string): string {
    const lines = block.split(/\r?\n/);
    const dataAt = lines.findIndex((l) => l.startsWith('data:'));
    const raw = dataAt >= 0 ? (lines[dataAt] as string).slice(5).trimStart() : '';
    if (raw === '[DONE]') return `${this.#closeAll()}${block}\n\n`;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return `${block}\n\n`;
    }
    if (!isObject(data)) return `${block}\n\n`;
    this.#touched = false;
    const before = this.format === 'anthropic' ? this.#anthropic(data) : this.#openai(data);
    if (!this.#touched) return `${before}${block}\n\n`;
    lines[dataAt] = `data: ${JSON.stringify(data)}`;
    return `${before}${lines.join('\n')}\n\n`;
  }

  #channel(key: string, escaped: boolean, emit: (held: string) => string): StreamRestorer {
    this.#touched = true;
    let channel = this.#channels.get(key);
    if (!channel) {
      channel = {
        restorer: new StreamRestorer(escaped ? this.#escaped : this.#plain),
        emit,
      };
      this.#channels.set(key, channel);
    }
    return channel.restorer;
  }

  /** Flushes the channels whose key starts with `prefix`; returns the synthesised events. */
  #close(prefix: string): string {
    let out = '';
    for (const [key, channel] of this.#channels) {
      if (!key.startsWith(prefix)) continue;
      const held = channel.restorer.flush();
      if (held !== '') out += channel.emit(held);
      this.#channels.delete(key);
    }
    return out;
  }

  #closeAll(): string {
    return this.#close('');
  }

  #openai(chunk: Json): string {
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    this.#lastChunk = { ...chunk, choices: [] };
    let before = '';
    choices.forEach((choice: unknown, position) => {
      if (!isObject(choice)) return;
      const index = typeof choice.index === 'number' ? choice.index : position;
      this.#openaiText(choice, index);
      if (choice.finish_reason != null) before += this.#close(`${index}:`);
    });
    return before;
  }

  #openaiChunk(index: number, choice: Json): string {
    const event = { ...this.#lastChunk, choices: [{ index, ...choice, finish_reason: null }] };
    return `data: ${JSON.stringify(event)}\n\n`;
  }

  #openaiText(choice: Json, index: number): void {
    if (typeof choice.text === 'string') {
      const emit = (held: string) => this.#openaiChunk(index, { text: held });
      choice.text = this.#channel(`${index}:text`, false, emit).push(choice.text);
    }
    const delta = choice.delta;
    if (!isObject(delta)) return;
    if (typeof delta.content === 'string') {
      const emit = (held: string) => this.#openaiChunk(index, { delta: { content: held } });
      delta.content = this.#channel(`${index}:content`, false, emit).push(delta.content);
    }
    const calls = Array.isArray(delta.tool_calls) ? delta.tool_calls : [];
    for (const call of calls) {
      if (!isObject(call) || !isObject(call.function)) continue;
      const fn = call.function;
      if (typeof fn.arguments !== 'string') continue;
      const callIndex = call.index;
      const emit = (held: string) =>
        this.#openaiChunk(index, {
          delta: { tool_calls: [{ index: callIndex, function: { arguments: held } }] },
        });
      fn.arguments = this.#channel(`${index}:tool:${String(callIndex)}`, true, emit).push(
        fn.arguments,
      );
    }
  }

  #anthropic(event: Json): string {
    const index = typeof event.index === 'number' ? event.index : 0;
    if (event.type === 'content_block_stop') return this.#close(`${index}:`);
    if (event.type !== 'content_block_delta' || !isObject(event.delta)) return '';
    const delta = event.delta;
    const field =
      delta.type === 'input_json_delta'
        ? 'partial_json'
        : delta.type === 'thinking_delta'
          ? 'thinking'
          : 'text';
    const value = delta[field];
    if (typeof value !== 'string') return '';
    const deltaType = delta.type;
    const emit = (held: string) => {
      const synthesised = {
        type: 'content_block_delta',
        index,
        delta: { type: deltaType, [field]: held },
      };
      return `event: content_block_delta\ndata: ${JSON.stringify(synthesised)}\n\n`;
    };
    delta[field] = this.#channel(`${index}:${field}`, field === 'partial_json', emit).push(value);
    return '';
  }
}
