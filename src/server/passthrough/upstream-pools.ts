import { Pool, type Dispatcher } from 'undici';
import type { ProxySettings } from '../../config/proxy.js';
import { proxyDispatcher } from '../../providers/proxy-dispatcher.js';

export interface PoolOptions {
  /** Sockets per upstream origin. */
  connections?: number;
  keepAliveTimeoutMs?: number;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY: with a proxy, calls go through it (issue 10.6). */
  proxy?: ProxySettings;
}

/**
 * One keep-alive undici Pool per upstream origin, created on first use and closed
 * with the server; behind a proxy, one EnvHttpProxyAgent for every origin instead
 * (it honours NO_PROXY per origin). Callers pass `origin` with every request.
 */
export class UpstreamPools {
  readonly #pools = new Map<string, Pool>();
  readonly #proxied: Dispatcher | null;

  constructor(private readonly options: PoolOptions = {}) {
    this.#proxied = proxyDispatcher(options.proxy);
  }

  for(origin: string): Dispatcher {
    if (this.#proxied) return this.#proxied;
    let pool = this.#pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.connections ?? 128,
        keepAliveTimeout: this.options.keepAliveTimeoutMs ?? 30_000,
        // Deadlines belong to the router (attempt/total deadlines abort the request).
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      this.#pools.set(origin, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all([...pools.map((pool) => pool.destroy()), this.#proxied?.destroy()]);
  }
}
