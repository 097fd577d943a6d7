import { createHash } from 'node:crypto';
import type { ModelRequest } from '../types.js';

/** Only deterministic requests are cached, unless the caller opts in explicitly. */
export function isCacheable(request: ModelRequest): boolean {
  if (request.cache === false) return false;
  return request.cache === true || request.temperature === 0;
}

/**
 * Key over the normalised request: every field that changes the answer, in a fixed
 * order, and whose answer it is: the caller (an API key's name, `cli`, a service),
 * so one tenant never reads another's cached answer (issue 9.6). Not the cache flag.
 */
export function cacheKey(request: ModelRequest): string {
  const normalised = [
    request.caller ?? 'anonymous',
    request.model ?? `task:${request.task}`,
    request.messages.map((m) => [m.role, m.content]),
    request.maxOutputTokens ?? null,
    request.temperature ?? null,
    request.topP ?? null,
    request.stop ? [...request.stop].sort() : null,
    request.seed ?? null,
    request.responseFormat ?? 'text',
  ];
  return createHash('sha256').update(JSON.stringify(normalised)).digest('hex');
}
