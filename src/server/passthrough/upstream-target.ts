import type { ResolvedProvider } from '../../config/load.js';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { ProviderKind } from '../../gateway/types.js';
import { anthropicDefaultBaseUrl } from '../../providers/anthropic.js';
import { openAIDefaultBaseUrl } from '../../providers/openai.js';

export type ClientProtocol = 'openai' | 'anthropic';

/** The client speaks the same wire protocol as this upstream: bytes can pass through. */
export function protocolMatches(client: ClientProtocol, kind: ProviderKind): boolean {
  // embedded models (issue 13) have no wire: they are served through translation
  return client === 'anthropic'
    ? kind === 'anthropic'
    : kind === 'openai' || kind === 'openai-compatible';
}

export interface UpstreamTarget {
  origin: string;
  path: string;
  headers: Record<string, string>;
}

export interface TargetInput {
  provider: ResolvedProvider;
  /** Endpoint under the base URL: `/chat/completions`, `/completions`, `/messages`. */
  endpoint: string;
  /** Client headers worth forwarding (anthropic-version, anthropic-beta). */
  forward: Record<string, string>;
}

function baseUrlOf(provider: ResolvedProvider): string {
  if (provider.baseUrl) return provider.baseUrl;
  if (provider.kind === 'openai') return openAIDefaultBaseUrl;
  if (provider.kind === 'anthropic') return anthropicDefaultBaseUrl;
  throw new ShipgateError(
    ErrorCode.ConfigInvalid,
    `provider ${provider.name} has no baseUrl; set providers.${provider.name}.baseUrl`,
  );
}

function authHeaders(provider: ResolvedProvider): Record<string, string> {
  if (!provider.apiKey) return {};
  return provider.kind === 'anthropic'
    ? { 'x-api-key': provider.apiKey }
    : { authorization: `Bearer ${provider.apiKey}` };
}

/** Parsed base URLs by string: providers are few, and a URL parse per request is not free. */
const parsedBases = new Map<string, { origin: string; basePath: string }>();

function parsedBase(provider: ResolvedProvider): { origin: string; basePath: string } {
  const base = baseUrlOf(provider);
  let parsed = parsedBases.get(base);
  if (!parsed) {
    const url = new URL(base);
    parsed = { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
    if (parsedBases.size >= 256) parsedBases.clear(); // config reloads cannot grow it without end
    parsedBases.set(base, parsed);
  }
  return parsed;
}

/** Where and how to send one pass-through request for a configured provider. */
export function upstreamTarget(input: TargetInput): UpstreamTarget {
  const { origin, basePath } = parsedBase(input.provider);
  const path = `${basePath}${input.endpoint}`;
  // Object.assign, later sources winning as spreads would: a literal of several spreads costs
  // microseconds per request on Node 20 (ADR 0046). The header names come from shipgate's
  // forwarding allow-list, the config and fixed names, never from a client's free choice.
  const headers: Record<string, string> = Object.assign({}, input.forward);
  if (input.provider.kind === 'anthropic')
    headers['anthropic-version'] = input.forward['anthropic-version'] ?? '2023-06-01';
  Object.assign(headers, input.provider.headers, authHeaders(input.provider));
  headers['content-type'] = 'application/json';
  headers.accept = 'application/json, text/event-stream';
  return { origin, path, headers };
}
