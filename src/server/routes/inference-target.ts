import type { FastifyRequest } from 'fastify';
import type { ResolvedProvider } from '../../config/load.js';
import type { TaskClass } from '../../gateway/types.js';
import { protocolMatches, type ClientProtocol } from '../passthrough/upstream-target.js';
import type { ServerDeps } from '../server-deps.js';

/** Resolves the request's model (404 with the known list if unknown) and picks the path. */
export function inferenceTarget(
  deps: ServerDeps,
  client: ClientProtocol,
  task: TaskClass,
  model: string,
): { passthrough: boolean; provider: ResolvedProvider | undefined } {
  const [spec] = deps.gateway.registry.candidates(task, model);
  const provider = spec ? deps.runtime.config.providers[spec.provider] : undefined;
  return { passthrough: provider ? protocolMatches(client, provider.kind) : false, provider };
}

export function callerOf(request: FastifyRequest): string {
  return request.shipgate.principal?.name ?? 'local';
}

/** Client headers the Anthropic pass-through forwards. */
export function anthropicForwardHeaders(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['anthropic-version', 'anthropic-beta']) {
    const value = request.headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}
