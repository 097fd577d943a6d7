/**
 * Which model serves a completion, and its FIM template: the request's model, else
 * `routing.tasks.complete`, else the first configured alias with a FIM template.
 */
import type { ShipgateConfig } from '../config/load.js';
import { ErrorCode, isShipgateError, ShipgateError } from '../errors.js';
import type { ModelRegistry } from '../gateway/registry.js';
import type { ModelSpec } from '../gateway/types.js';
import { inferFimTemplate, resolveFimTemplate, type FimTemplate } from './fim-templates.js';

export type CompleteConfig = Pick<ShipgateConfig, 'models' | 'providers' | 'routing' | 'complete'>;

/** The alias to ask the registry for (undefined: the task's own list). */
export function pickAlias(config: CompleteConfig, requested: string | undefined) {
  if (requested) return requested;
  if (config.routing.tasks.complete) return undefined;
  const found = Object.entries(config.models).find(([, m]) => m.fim || inferFimTemplate(m.model));
  return found?.[0];
}

export function templateFor(config: CompleteConfig, spec: ModelSpec): FimTemplate {
  return resolveFimTemplate(config.models[spec.alias]?.fim, spec.modelId, spec.alias);
}

/** The first candidate's template, checked before any upstream call (a 400 when the client named the model). */
export function checkTemplate(
  config: CompleteConfig,
  registry: ModelRegistry,
  alias: string | undefined,
  requested: boolean,
): ModelSpec {
  const [spec] = registry.candidates('complete', alias);
  if (!spec) throw new ShipgateError(ErrorCode.ModelNotFound, 'no model serves completions');
  try {
    templateFor(config, spec);
  } catch (error) {
    if (requested && isShipgateError(error))
      throw new ShipgateError(ErrorCode.BadRequest, error.message, { cause: error });
    throw error;
  }
  return spec;
}
