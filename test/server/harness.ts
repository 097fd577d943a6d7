/**
 * A real shipgate server over real fake upstreams (OpenAI and Anthropic wire formats)
 * and a real SQLite store in memory. `listen()` opens a socket for streaming/SDK tests.
 */
import type { FastifyInstance } from 'fastify';
import { parseConfig } from '../../src/config/load.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createServer, type CreateServerOptions } from '../../src/server/create-server.js';
import { startFakeAnthropic, startFakeOpenAI, type FakeUpstream } from '../fake-upstream/index.js';

export interface Harness {
  app: FastifyInstance;
  runtime: Runtime;
  openai: FakeUpstream;
  anthropic: FakeUpstream;
  /** Listens on 127.0.0.1:0 and returns http://127.0.0.1:PORT. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Omit<CreateServerOptions, 'runtime'> {
  /** Config over the defaults; a function gets the fake upstreams (for their URLs). */
  config?:
    | Record<string, unknown>
    | ((fakes: { openai: FakeUpstream; anthropic: FakeUpstream }) => Record<string, unknown>);
  /** The environment the config resolves against (HTTPS_PROXY, NO_PROXY, …). */
  env?: Record<string, string>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const openai = await startFakeOpenAI({ apiKey: 'sk-up-openai' });
  const anthropic = await startFakeAnthropic({ apiKey: 'sk-up-anthropic' });
  const overrides =
    typeof options.config === 'function' ? options.config({ openai, anthropic }) : options.config;
  const config = parseConfig(
    {
      storage: { url: 'sqlite::memory:' },
      providers: {
        openai: { kind: 'openai', baseUrl: openai.baseUrl, apiKey: 'sk-up-openai' },
        anthropic: { kind: 'anthropic', baseUrl: anthropic.baseUrl, apiKey: 'sk-up-anthropic' },
      },
      models: {
        fast: { provider: 'openai', model: 'gpt-4o-mini' },
        claude: { provider: 'anthropic', model: 'claude-3-5-haiku-latest' },
      },
      routing: { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } },
      metering: { flushIntervalMs: 10 },
      cache: { persist: false },
      ...overrides,
    },
    'test',
    options.env,
  );
  const runtime = await createRuntime(config);
  const { config: _ignored, env: _env, ...serverOptions } = options;
  const app = await createServer({ runtime, ...serverOptions });
  return {
    app,
    runtime,
    openai,
    anthropic,
    async listen() {
      return app.listen({ host: '127.0.0.1', port: 0 });
    },
    async close() {
      // Test clients may hold sockets that never sent a request; Node does not count those as idle.
      app.server.closeAllConnections();
      await app.close();
      await runtime.close();
      await Promise.all([openai.close(), anthropic.close()]);
    },
  };
}
