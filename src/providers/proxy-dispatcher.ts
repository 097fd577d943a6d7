import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { usesProxy, type ProxySettings } from '../config/proxy.js';
import type { FetchFunction } from './sse-guard.js';

/** An undici dispatcher that sends upstream calls through the configured proxy, or null. */
export function proxyDispatcher(settings: ProxySettings | undefined): Dispatcher | null {
  if (!settings || !usesProxy(settings)) return null;
  return new EnvHttpProxyAgent({
    httpProxy: settings.httpProxy,
    httpsProxy: settings.httpsProxy,
    noProxy: settings.noProxy ?? '',
    // deadlines belong to the router (attempt and total deadlines abort the request)
    headersTimeout: 0,
    bodyTimeout: 0,
  });
}

/** A fetch for the AI SDK providers that goes through `dispatcher`. */
export function proxiedFetch(dispatcher: Dispatcher): FetchFunction {
  return ((input: Parameters<FetchFunction>[0], init?: Parameters<FetchFunction>[1]) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    })) as unknown as FetchFunction;
}
