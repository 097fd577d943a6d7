/**
 * Where a model runs: `api` (a third party's servers) or `self-hosted` (ours).
 * `models.<alias>.hosting` wins; otherwise the provider decides (DESIGN.md,
 * Governance): openai and anthropic kinds are api whatever their URL; embedded
 * is self-hosted; openai-compatible is self-hosted when its base URL is a
 * loopback, private or single-label (in-cluster) address, else api.
 */
import { isIP } from 'node:net';
import type { ResolvedProvider, ShipgateConfig } from '../config/load.js';

export const hostings = ['api', 'self-hosted'] as const;
export type Hosting = (typeof hostings)[number];

type HostingConfig = Pick<ShipgateConfig, 'models' | 'providers'>;

function privateIPv4(host: string): boolean {
  const [a = 0, b = 0] = host.split('.').map(Number);
  return (
    a === 127 ||
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

function privateIPv6(host: string): boolean {
  const h = host.toLowerCase();
  if (h === '::1') return true;
  if (h.startsWith('::ffff:')) return privateIPv4(h.slice(7));
  return /^f[cd]/.test(h) || /^fe[89ab]/.test(h);
}

/** True for loopback, private (RFC 1918, ULA, link-local, CGNAT) and single-label hosts. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(host);
  if (family === 4) return privateIPv4(host);
  if (family === 6) return privateIPv6(host);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  // A name without a dot cannot be resolved on the public internet (docker, k8s services).
  return host.length > 0 && !host.includes('.');
}

/** The hosting a provider implies. */
export function providerHosting(provider: Pick<ResolvedProvider, 'kind' | 'baseUrl'>): Hosting {
  const kind: string = provider.kind;
  if (kind === 'embedded') return 'self-hosted';
  if (kind !== 'openai-compatible' || provider.baseUrl === undefined) return 'api';
  try {
    return isPrivateHost(new URL(provider.baseUrl).hostname) ? 'self-hosted' : 'api';
  } catch {
    return 'api';
  }
}

/**
 * The hosting of `alias` served by `providerName` (the provider recorded with usage,
 * or the one a model spec names). Unknown providers count as api (the safe side).
 */
export function modelHosting(config: HostingConfig, alias: string, providerName?: string): Hosting {
  const configured = config.models[alias];
  if (configured?.hosting) return configured.hosting;
  const provider = config.providers[providerName ?? configured?.provider ?? ''];
  return provider ? providerHosting(provider) : 'api';
}
