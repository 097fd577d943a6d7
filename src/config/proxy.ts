import type { Env } from './load.js';

/** Outbound proxy settings, from the conventional environment variables. */
export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  /** Comma-separated hosts (and `*.domain`, `.domain`, host:port) that bypass the proxy. */
  noProxy?: string;
}

function first(env: Env, names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value) return value;
  }
  return undefined;
}

/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case), as curl and the SDKs read them.
 * Every upstream call honours them (issue 10.6): the pass-through pools and the AI SDK.
 */
export function proxyFromEnv(env: Env): ProxySettings {
  const settings: ProxySettings = {};
  const httpProxy = first(env, ['HTTP_PROXY', 'http_proxy']);
  const httpsProxy = first(env, ['HTTPS_PROXY', 'https_proxy']) ?? httpProxy;
  const noProxy = first(env, ['NO_PROXY', 'no_proxy']);
  if (httpProxy) settings.httpProxy = httpProxy;
  if (httpsProxy) settings.httpsProxy = httpsProxy;
  if (noProxy) settings.noProxy = noProxy;
  return settings;
}

export function usesProxy(settings: ProxySettings | undefined): boolean {
  return Boolean(settings?.httpProxy ?? settings?.httpsProxy);
}
