import type { Redis } from 'ioredis';
import type { ShipgateConfig } from './config/load.js';
import {
  redisCacheBackend,
  storeCacheBackend,
  type CacheBackend,
} from './gateway/cache/backends.js';
import type { OffThreadCount } from './gateway/estimate.js';
import { Gateway } from './gateway/gateway.js';
import { countOps } from './gateway/tokens/count-ops.js';
import type { Provider } from './gateway/types.js';
import { createProvider } from './providers/create-provider.js';
import { proxiedFetch, proxyDispatcher } from './providers/proxy-dispatcher.js';
import { openConfiguredStore, type Store } from './store/store.js';
import { EgressScope } from './policy/egress-scope.js';
import { createEgressStep } from './policy/egress-step.js';

export interface Runtime {
  config: ShipgateConfig;
  store: Store;
  gateway: Gateway;
  redis: Redis | null;
  /** issue 15: the per-request egress context the server enters and the gateway's policy step reads. */
  egressScope?: EgressScope;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Replaces the providers built from config (tests, embedded engines). */
  providers?: ReadonlyMap<string, Provider>;
  onBackgroundError?: (error: unknown) => void;
}

function buildProviders(config: ShipgateConfig): Map<string, Provider> {
  // issue 10.6: the AI SDK's calls honour HTTPS_PROXY / NO_PROXY like the pass-through's
  const dispatcher = proxyDispatcher(config.proxy);
  const deps = dispatcher ? { fetch: proxiedFetch(dispatcher) } : {};
  return new Map(
    Object.values(config.providers).map((p) => [
      p.name,
      createProvider(p, { ...deps, embedded: config }),
    ]),
  );
}

async function connectRedis(url: string): Promise<Redis> {
  const { Redis: RedisClient } = await import('ioredis');
  return new RedisClient(url, {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
}

/** Cut streams are counted on the store's writer thread when it has one (no second worker). */
function backgroundCount(store: Store): OffThreadCount | undefined {
  const background = store.background;
  if (!background) return undefined;
  return (texts) => background.call<number[]>(countOps, 'count', texts);
}

function cacheBackendFor(
  config: ShipgateConfig,
  store: Store,
  redis: Redis | null,
): CacheBackend | undefined {
  if (!config.cache.persist) return undefined;
  return redis ? redisCacheBackend(redis, config.redis.keyPrefix) : storeCacheBackend(store.cache);
}

/**
 * Wires the embedded or scale-out mode from config: the store (SQLite file or
 * Postgres), Redis when configured, providers, and the gateway over them.
 */
export async function createRuntime(
  config: ShipgateConfig,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const store = await openConfiguredStore(config);
  // ioredis loads only in scale-out mode
  const redis = config.redis.url ? await connectRedis(config.redis.url) : null;
  redis?.on('error', (error) => options.onBackgroundError?.(error));
  const egressScope = new EgressScope();
  const egress = createEgressStep({
    config,
    scope: egressScope,
    resolve: (alias) => gateway.registry.resolve(alias),
  });
  // issue 15: redact.requests masks prompts in every provider and turns the response cache off
  const served = config.redact.requests
    ? (await import('./policy/redact-runtime.js')).applyRequestRedaction(
        config,
        options.providers ?? buildProviders(config),
      )
    : { config, providers: options.providers ?? buildProviders(config) };
  const gateway: Gateway = new Gateway({
    config: served.config,
    egress,
    providers: served.providers,
    usageSink: store.usage,
    countOffThread: backgroundCount(store),
    cacheBackend: cacheBackendFor(config, store, redis),
    onBackgroundError: options.onBackgroundError,
  });
  return {
    config,
    store,
    gateway,
    redis,
    egressScope,
    async close() {
      await gateway.close();
      redis?.disconnect();
      await store.close();
    },
  };
}
