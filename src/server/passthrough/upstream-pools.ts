import { Pool } from 'undici';

export interface PoolOptions {
  /** Sockets per upstream origin. */
  connections?: number;
  keepAliveTimeoutMs?: number;
}

/** One keep-alive undici Pool per upstream origin, created on first use and closed with the server. */
export class UpstreamPools {
  readonly #pools = new Map<string, Pool>();

  constructor(private readonly options: PoolOptions = {}) {}

  for(origin: string): Pool {
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
    await Promise.all(pools.map((pool) => pool.destroy()));
  }
}
