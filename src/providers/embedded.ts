/**
 * Provider `kind: embedded`: models served in-process by llama.cpp (node-llama-cpp,
 * loaded lazily). `models.<alias>.path` names the GGUF file (relative paths are under
 * `$home/models`, where `shipgate models pull` puts them). Chat requests use the
 * model's chat template; FIM requests use its infill tokens when it has them, and a
 * chat turn asking for the missing code otherwise.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { ResolvedProvider } from '../config/load.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import type {
  FinishReason,
  GenerateOutput,
  Provider,
  StreamEvent,
  Usage,
} from '../gateway/types.js';
import { EmbeddedEngine, type EngineOutput, type EngineSettings } from './embedded-engine.js';

export interface EmbeddedConfig {
  home: string;
  models: Record<string, { provider: string; model: string; path?: string }>;
  /** `embedded:` in the config: threads, slots, context size. */
  embedded?: EngineSettings;
}

export interface FimRequest {
  alias: string;
  prompt: string;
  infill: { prefix: string; suffix: string };
  maxTokens: number;
  stop: string[];
  signal: AbortSignal;
}

/** The GGUF file an alias names; a ConfigInvalid error that says how to fix it otherwise. */
export function modelPath(config: EmbeddedConfig, alias: string): string {
  const path = config.models[alias]?.path;
  if (!path)
    throw new ShipgateError(
      ErrorCode.ConfigInvalid,
      `models.${alias}.path is not set: the embedded provider needs a GGUF file (shipgate models pull <url> --as ${alias})`,
    );
  const full = isAbsolute(path) ? path : join(config.home, 'models', path);
  if (!existsSync(full))
    throw new ShipgateError(
      ErrorCode.ConfigInvalid,
      `models.${alias}.path: ${full} does not exist (shipgate models pull <url> --as ${alias})`,
    );
  return full;
}

function finishOf(stopReason: string): FinishReason {
  if (stopReason === 'maxTokens') return 'length';
  return stopReason === 'abort' ? 'other' : 'stop';
}

function usageOf(out: EngineOutput): Usage {
  return {
    inputTokens: out.inputTokens,
    outputTokens: out.outputTokens,
    cachedInputTokens: 0,
    estimated: false,
  };
}

const fimInstruction =
  'You complete code. The user sends a file with <CURSOR> where code is missing. Reply with only the missing code: no explanation, no code fences, nothing that is already before or after the cursor.';

export interface EmbeddedProvider extends Provider {
  fim(request: FimRequest): Promise<GenerateOutput & { usage: Usage }>;
  dispose(): Promise<void>;
}

export function createEmbeddedProvider(
  provider: Pick<ResolvedProvider, 'name'>,
  config: EmbeddedConfig,
  settings: EngineSettings = {},
): EmbeddedProvider {
  const engine = new EmbeddedEngine(settings);
  const generate: Provider['generate'] = async ({ request, model, signal }) => {
    const out = await engine.chat(modelPath(config, model.alias), request.messages, {
      maxTokens: request.maxOutputTokens,
      temperature: request.temperature,
      signal,
    });
    return { text: out.text, finishReason: finishOf(out.stopReason), usage: usageOf(out) };
  };
  return {
    name: provider.name,
    kind: 'embedded',
    generate,
    async *stream(call): AsyncIterable<StreamEvent> {
      const out = await generate(call);
      yield { type: 'text', text: out.text };
      if (out.usage) yield { type: 'usage', usage: out.usage };
      yield { type: 'finish', finishReason: out.finishReason };
    },
    async fim(request) {
      const path = modelPath(config, request.alias);
      const options = { maxTokens: request.maxTokens, stop: request.stop, signal: request.signal };
      const out = (await engine.hasInfill(path))
        ? await engine.infill(path, request.infill, options)
        : await engine.chat(
            path,
            [
              { role: 'system', content: fimInstruction },
              { role: 'user', content: `${request.infill.prefix}<CURSOR>${request.infill.suffix}` },
            ],
            options,
          );
      return { text: out.text, finishReason: finishOf(out.stopReason), usage: usageOf(out) };
    },
    dispose: () => engine.dispose(),
  };
}
