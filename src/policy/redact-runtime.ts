/**
 * Applies `redact.requests: true` to a runtime (issue 15): every provider masks
 * secrets before the wire and restores answers, and the gateway's response cache
 * is off — a cache keyed on, or holding, the original prompt would see the secrets.
 */
import type { ShipgateConfig } from '../config/load.js';
import type { Provider } from '../gateway/types.js';
import { createSecretDetector } from '../secrets/detect.js';
import { redactingProvider } from './redacting-provider.js';

export function applyRequestRedaction(
  config: ShipgateConfig,
  providers: ReadonlyMap<string, Provider>,
): { config: ShipgateConfig; providers: Map<string, Provider> } {
  const detector = createSecretDetector();
  return {
    config: { ...config, cache: { ...config.cache, enabled: false } },
    providers: new Map([...providers].map(([name, p]) => [name, redactingProvider(p, detector)])),
  };
}
