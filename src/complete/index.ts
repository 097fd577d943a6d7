/** The completion service wired over a runtime (server, CLI, LSP all use this). */
import type { ResolvedProvider } from '../config/load.js';
import type { Runtime } from '../runtime.js';
import type { SecretDetector } from '../secrets/detect.js';
import { createCompletionLog } from './completion-log.js';
import { CompleteService } from './complete-service.js';
import { httpFimEngine, type FimEngine } from './fim-upstream.js';

export { CompleteService } from './complete-service.js';
export type { CompleteRequest, CompleteResult, FeedbackRequest } from './types.js';

/** The embedded engine's infill (node-llama-cpp loads on the first call). */
async function embeddedFim(
  provider: ResolvedProvider,
  runtime: Pick<Runtime, 'config'>,
): Promise<FimEngine> {
  const { createEmbeddedProvider } = await import('../providers/embedded.js');
  const { config } = runtime;
  const embedded = createEmbeddedProvider(provider, config, config.embedded);
  return (call) => embedded.fim(call);
}

/** `redact.requests: true`: FIM prompts are masked before an engine sends them (issue 15). */
function redactor(): (engine: FimEngine) => Promise<FimEngine> {
  let detector: Promise<SecretDetector> | undefined;
  return async (engine) => {
    detector ??= import('../secrets/detect.js').then((m) => m.createSecretDetector());
    const { redactingFimEngine } = await import('../policy/redacting-fim.js');
    return redactingFimEngine(engine, await detector);
  };
}

/** One engine per provider, made on first use (masking prompts under `redact.requests`). */
export function fimEngines(
  runtime: Pick<Runtime, 'config'>,
): (provider: ResolvedProvider) => Promise<FimEngine> {
  const made = new Map<string, Promise<FimEngine>>();
  const redacting = runtime.config.redact.requests ? redactor() : null;
  return (provider) => {
    let engine = made.get(provider.name);
    if (!engine) {
      const plain =
        provider.kind === 'embedded'
          ? embeddedFim(provider, runtime)
          : Promise.resolve(httpFimEngine(provider));
      engine = redacting ? plain.then(redacting) : plain;
      engine.catch(() => made.delete(provider.name));
      made.set(provider.name, engine);
    }
    return engine;
  };
}

export function createCompleteService(
  runtime: Pick<Runtime, 'config' | 'gateway' | 'store'>,
  onBackgroundError?: (error: unknown) => void,
): CompleteService {
  return new CompleteService({
    gateway: runtime.gateway,
    config: runtime.config,
    engineFor: fimEngines(runtime),
    log: createCompletionLog(runtime.store),
    onBackgroundError,
  });
}
