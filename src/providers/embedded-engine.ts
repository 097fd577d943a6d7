/**
 * The embedded llama.cpp engine (node-llama-cpp 3.21.1, an optional dependency
 * imported on first use): each GGUF file is loaded once; a context per
 * concurrency slot; calls beyond the slots wait in a queue. Infill uses the
 * model's own FIM tokens; chat uses the model's chat template.
 */
import type * as NodeLlamaCpp from 'node-llama-cpp';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { ChatMessage } from '../gateway/types.js';

type LlamaModule = typeof NodeLlamaCpp;
type Llama = Awaited<ReturnType<LlamaModule['getLlama']>>;
type LlamaModel = Awaited<ReturnType<Llama['loadModel']>>;
type LlamaContext = Awaited<ReturnType<LlamaModel['createContext']>>;
type LlamaSequence = ReturnType<LlamaContext['getSequence']>;

export type ImportLlama = () => Promise<LlamaModule>;

export const installHint =
  'the embedded provider needs node-llama-cpp: run `npm install node-llama-cpp@3.21.1` (optional dependency, prebuilt CPU binaries)';

export interface EngineSettings {
  /** CPU threads per context (default: node-llama-cpp's choice; tests use 1). */
  threads?: number;
  /** Concurrent generations per model (contexts); more calls queue (default 2). */
  slots?: number;
  contextSize?: number;
  importLlama?: ImportLlama;
}

interface Slot {
  /** The slot's context has one sequence, taken once and reused by every call. */
  sequence: LlamaSequence;
  busy: boolean;
}

interface Loaded {
  module: LlamaModule;
  model: LlamaModel;
  slots: Slot[];
  waiting: Array<(slot: Slot) => void>;
}

export interface EngineOutput {
  text: string;
  stopReason: string;
  inputTokens: number;
  outputTokens: number;
}

function isMissingModule(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_MODULE_NOT_FOUND';
}

export class EmbeddedEngine {
  #llama: Promise<{ module: LlamaModule; llama: Llama }> | undefined;
  readonly #models = new Map<string, Promise<Loaded>>();

  constructor(private readonly settings: EngineSettings = {}) {}

  #runtime(): Promise<{ module: LlamaModule; llama: Llama }> {
    this.#llama ??= (async () => {
      const module = await (this.settings.importLlama ?? (() => import('node-llama-cpp')))().catch(
        (error: unknown) => {
          throw new ShipgateError(
            ErrorCode.ConfigInvalid,
            isMissingModule(error) ? installHint : `cannot load node-llama-cpp: ${String(error)}`,
            { cause: error },
          );
        },
      );
      const llama = await module
        .getLlama({ build: 'never', gpu: false, logLevel: module.LlamaLogLevel.error })
        .catch((error: unknown) => {
          throw new ShipgateError(
            ErrorCode.ConfigInvalid,
            `node-llama-cpp has no prebuilt binary for this machine (${String(error)}); ${installHint}`,
            { cause: error },
          );
        });
      return { module, llama };
    })();
    this.#llama.catch(() => (this.#llama = undefined));
    return this.#llama;
  }

  /** Loads the GGUF file once (later calls share the same model). */
  load(path: string): Promise<Loaded> {
    let loaded = this.#models.get(path);
    if (!loaded) {
      loaded = this.#runtime().then(async ({ module, llama }) => ({
        module,
        model: await llama.loadModel({ modelPath: path }).catch((error: unknown) => {
          throw new ShipgateError(
            ErrorCode.ConfigInvalid,
            `cannot load the model file ${path}: ${String(error)}`,
            { cause: error },
          );
        }),
        slots: [],
        waiting: [],
      }));
      loaded.catch(() => this.#models.delete(path));
      this.#models.set(path, loaded);
    }
    return loaded;
  }

  async #acquire(loaded: Loaded): Promise<Slot> {
    const free = loaded.slots.find((s) => !s.busy);
    if (free) return ((free.busy = true), free);
    if (loaded.slots.length < (this.settings.slots ?? 2)) {
      const slot: Slot = { busy: true, sequence: undefined as unknown as LlamaSequence };
      loaded.slots.push(slot);
      try {
        const context = await loaded.model.createContext({
          contextSize: this.settings.contextSize ?? 4_096,
          threads: this.settings.threads,
          sequences: 1,
        });
        slot.sequence = context.getSequence();
      } catch (error) {
        loaded.slots.splice(loaded.slots.indexOf(slot), 1);
        throw error;
      }
      return slot;
    }
    return new Promise((resolve) => loaded.waiting.push(resolve));
  }

  #release(loaded: Loaded, slot: Slot): void {
    const next = loaded.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  async #withSlot<T>(path: string, run: (l: Loaded, s: Slot) => Promise<T>): Promise<T> {
    const loaded = await this.load(path);
    const slot = await this.#acquire(loaded);
    try {
      return await run(loaded, slot);
    } finally {
      this.#release(loaded, slot);
    }
  }

  /** Whether the model declares FIM tokens (prefix, suffix, middle). */
  async hasInfill(path: string): Promise<boolean> {
    const { model } = await this.load(path);
    const t = model.tokens.infill;
    return t.prefix != null && t.suffix != null && t.middle != null;
  }

  infill(path: string, input: { prefix: string; suffix: string }, o: GenerateOptions) {
    return this.#withSlot(path, async ({ module, model }, slot) => {
      const completion = new module.LlamaCompletion({
        contextSequence: slot.sequence,
      });
      try {
        const out = await completion.generateInfillCompletionWithMeta(input.prefix, input.suffix, {
          maxTokens: o.maxTokens,
          temperature: 0,
          signal: o.signal,
          customStopTriggers: o.stop?.length ? o.stop : undefined,
        });
        return this.#output(model, `${input.prefix}${input.suffix}`, out);
      } finally {
        completion.dispose();
      }
    });
  }

  chat(path: string, messages: ChatMessage[], o: GenerateOptions) {
    return this.#withSlot(path, async ({ module, model }, slot) => {
      const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
      const turns = messages.filter((m) => m.role !== 'system');
      const last = turns.pop();
      const session = new module.LlamaChatSession({
        contextSequence: slot.sequence,
        systemPrompt: system.join('\n\n') || undefined,
      });
      try {
        session.setChatHistory([
          ...session.getChatHistory(),
          ...turns.map((m) =>
            m.role === 'user'
              ? { type: 'user' as const, text: m.content }
              : { type: 'model' as const, response: [m.content] },
          ),
        ]);
        const out = await session.promptWithMeta(last?.content ?? '', {
          maxTokens: o.maxTokens,
          temperature: o.temperature ?? 0,
          signal: o.signal,
        });
        const text = out.responseText;
        const input = messages.map((m) => m.content).join('\n');
        return this.#output(model, input, {
          response: text,
          metadata: { stopReason: out.stopReason },
        });
      } finally {
        session.dispose({ disposeSequence: false });
      }
    });
  }

  #output(
    model: LlamaModel,
    input: string,
    out: { response: string; metadata: { stopReason: string } },
  ): EngineOutput {
    return {
      text: out.response,
      stopReason: out.metadata.stopReason,
      inputTokens: model.tokenize(input).length,
      outputTokens: model.tokenize(out.response).length,
    };
  }

  async dispose(): Promise<void> {
    const llama = this.#llama;
    this.#llama = undefined;
    this.#models.clear();
    if (llama) await (await llama.catch(() => null))?.llama.dispose();
  }
}

export interface GenerateOptions {
  maxTokens?: number;
  temperature?: number;
  stop?: string[];
  signal?: AbortSignal;
}
