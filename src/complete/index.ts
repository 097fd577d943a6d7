/** The completion service wired over a runtime (server, CLI, LSP all use this). */
import type { ResolvedProvider } from '../config/load.js';
import type { Runtime } from '../runtime.js';
import { createCompletionLog } from './completion-log.js';
import { CompleteService } from './complete-service.js';
import { httpFimEngine, type FimEngine } from './fim-upstream.js';

export { CompleteService } from './complete-service.js';
export type { CompleteRequest, CompleteResult, FeedbackRequest } from './types.js';

/** One engine per provider, made on first use. */
export function fimEngines(): (provider: ResolvedProvider) => Promise<FimEngine> {
  const made = new Map<string, Promise<FimEngine>>();
  return (provider) => {
    let engine = made.get(provider.name);
    if (!engine) {
      engine = Promise.resolve(httpFimEngine(provider));
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
    engineFor: fimEngines(),
    log: createCompletionLog(runtime.store),
    onBackgroundError,
  });
}
