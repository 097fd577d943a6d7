import type { ResolvedProvider, ShipgateConfig } from '../config/load.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import {
  builtinModels,
  builtinPrice,
  defaultModelByFamily,
  usdPerMTokToMicros,
  type BuiltinModel,
} from './prices.js';
import { preview, rawModelIdPattern } from './model-label.js';
import type { ModelPrice, ModelSpec, TaskClass } from './types.js';

type ModelsConfig = ShipgateConfig['models'];

function configuredPrice(price: ModelsConfig[string]['price']): ModelPrice | null {
  if (!price) return null;
  return {
    inputPerMTokMicros: usdPerMTokToMicros(price.input),
    outputPerMTokMicros: usdPerMTokToMicros(price.output),
    cachedInputPerMTokMicros: usdPerMTokToMicros(price.cachedInput ?? price.input),
  };
}

function familyProvider(
  family: BuiltinModel['family'],
  providers: ResolvedProvider[],
): ResolvedProvider | undefined {
  return providers.find((p) => p.name === family) ?? providers.find((p) => p.kind === family);
}

/**
 * Alias → provider + model id + context window + capabilities + price. Configured
 * aliases first, then the built-in table for every configured provider family.
 */
export class ModelRegistry {
  readonly #specs = new Map<string, ModelSpec>();
  readonly #providers: ResolvedProvider[];
  readonly #tasks: ShipgateConfig['routing']['tasks'];
  /** alias → its configured `fallbacks` (models.<alias>.fallbacks), in order. */
  readonly #fallbacks = new Map<string, string[]>();

  constructor(config: Pick<ShipgateConfig, 'models' | 'providers' | 'routing'>) {
    this.#providers = Object.values(config.providers);
    this.#tasks = config.routing.tasks;
    this.#addBuiltins();
    for (const [alias, m] of Object.entries(config.models)) this.#addConfigured(alias, m);
    this.#checkTasks();
    this.#checkFallbacks(config.models);
  }

  #addBuiltins(): void {
    for (const [id, model] of Object.entries(builtinModels)) {
      const provider = familyProvider(model.family, this.#providers);
      if (!provider) continue;
      this.#specs.set(id, {
        alias: id,
        provider: provider.name,
        modelId: id,
        contextWindow: model.contextWindow,
        capabilities: model.capabilities,
        price: builtinPrice(model),
        costPerHourMicros: null,
      });
    }
  }

  #addConfigured(alias: string, m: ModelsConfig[string]): void {
    const builtin = builtinModels[m.model];
    this.#specs.set(alias, {
      alias,
      provider: m.provider,
      modelId: m.model,
      contextWindow: m.contextWindow ?? builtin?.contextWindow ?? 8_192,
      capabilities: m.capabilities ?? builtin?.capabilities ?? ['chat'],
      price: configuredPrice(m.price) ?? (builtin ? builtinPrice(builtin) : null),
      costPerHourMicros: m.costPerHour === undefined ? null : usdPerMTokToMicros(m.costPerHour),
    });
  }

  #checkTasks(): void {
    for (const [task, aliases] of Object.entries(this.#tasks)) {
      for (const alias of aliases ?? []) {
        if (!this.#specs.has(alias)) {
          throw new ShipgateError(
            ErrorCode.ConfigInvalid,
            `routing.tasks.${task} names "${alias}", which is not a known model (known: ${this.aliases().join(', ') || 'none'})`,
          );
        }
      }
    }
  }

  #checkFallbacks(models: ModelsConfig): void {
    for (const [alias, m] of Object.entries(models)) {
      const list = m.fallbacks ?? [];
      for (const fallback of list) {
        if (!this.#specs.has(fallback)) {
          throw new ShipgateError(
            ErrorCode.ConfigInvalid,
            `models.${alias}.fallbacks names "${fallback}", which is not a known model (known: ${this.aliases().join(', ')})`,
          );
        }
      }
      if (list.length > 0) this.#fallbacks.set(alias, list);
    }
  }

  /** The alias followed by its configured fallbacks (one level, duplicates dropped). */
  #withFallbacks(spec: ModelSpec, into: ModelSpec[]): void {
    const seen = (alias: string): boolean => into.some((m) => m.alias === alias);
    if (!seen(spec.alias)) into.push(spec);
    for (const alias of this.#fallbacks.get(spec.alias) ?? []) {
      const fallback = this.#specs.get(alias);
      if (fallback && !seen(alias)) into.push(fallback);
    }
  }

  /** A configured alias or a built-in model id (a bounded set, unlike client-chosen ids). */
  isKnown(alias: string): boolean {
    return this.#specs.has(alias);
  }

  aliases(): string[] {
    return [...this.#specs.keys()];
  }

  list(): ModelSpec[] {
    return [...this.#specs.values()];
  }

  /** An alias, a built-in id, or a raw model id passed through to the only provider. */
  resolve(model: string): ModelSpec {
    const known = this.#specs.get(model);
    if (known) return known;
    if (!rawModelIdPattern.test(model)) {
      throw new ShipgateError(
        ErrorCode.ModelNotFound,
        `unknown model ${preview(model)}: a model is a configured alias or a provider's model id (printable ASCII without spaces, at most 256 characters); known models: ${this.aliases().join(', ') || 'none'}`,
        { details: { known: this.aliases() } },
      );
    }
    const onlyProvider = this.#providers.length === 1 ? this.#providers[0] : undefined;
    const family = model.startsWith('claude')
      ? 'anthropic'
      : /^(gpt-|o\d|chatgpt-)/.test(model)
        ? 'openai'
        : undefined;
    const provider = (family && familyProvider(family, this.#providers)) ?? onlyProvider;
    if (!provider) {
      throw new ShipgateError(
        ErrorCode.ModelNotFound,
        `unknown model ${preview(model)}; known models: ${this.aliases().join(', ') || 'none (configure a provider first)'}`,
        { details: { known: this.aliases() } },
      );
    }
    return {
      alias: model,
      provider: provider.name,
      modelId: model,
      contextWindow: 8_192,
      capabilities: ['chat'],
      price: null,
      costPerHourMicros: null,
    };
  }

  /**
   * The ordered model list for a request: its explicit model, else the task's list;
   * each alias followed by its `fallbacks`.
   */
  candidates(task: TaskClass, model?: string): ModelSpec[] {
    const out: ModelSpec[] = [];
    if (model) {
      this.#withFallbacks(this.resolve(model), out);
      return out;
    }
    const aliases = this.#tasks[task] ?? this.#tasks.chat;
    if (aliases) {
      for (const alias of aliases) this.#withFallbacks(this.resolve(alias), out);
      return out;
    }
    const firstConfigured = [...this.#specs.values()].find(
      (s) => !builtinModels[s.alias] || s.modelId !== s.alias,
    );
    if (firstConfigured) return [firstConfigured];
    const provider = this.#providers[0];
    if (!provider) throw noProviderError();
    if (provider.kind === 'openai-compatible' || provider.kind === 'embedded') {
      throw new ShipgateError(
        ErrorCode.BadRequest,
        `no model for task "${task}": pass --model <name> or set models.<alias> and routing.tasks.${task} in the config`,
      );
    }
    return [this.resolve(defaultModelByFamily[provider.kind])];
  }
}

export function noProviderError(): ShipgateError {
  return new ShipgateError(
    ErrorCode.NoProvider,
    'no model provider is configured. Set one of:\n' +
      '  export OPENAI_API_KEY=sk-...                      # OpenAI\n' +
      '  export ANTHROPIC_API_KEY=sk-ant-...               # Anthropic\n' +
      '  export OPENAI_BASE_URL=http://127.0.0.1:8080/v1   # a local OpenAI-compatible server (llama.cpp, vLLM, Ollama)\n' +
      'or add providers to shipgate.config.yaml (see `shipgate config schema`).',
  );
}
