import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ErrorCode, ShipgateError } from '../errors.js';
import { formatConfigIssues } from './format-issues.js';
import { resolveWebhooks, type WebhooksConfig } from './jobs-schema.js';
import { proxyFromEnv, type ProxySettings } from './proxy.js';
import { configSchema, type ShipgateConfigParsed } from './schema.js';

export const defaultConfigFileName = 'shipgate.config.yaml';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ResolvedProvider {
  name: string;
  kind: ShipgateConfigParsed['providers'][string]['kind'];
  baseUrl: string | undefined;
  apiKey: string | undefined;
  headers: Record<string, string>;
}

export interface ShipgateConfig extends Omit<
  ShipgateConfigParsed,
  'providers' | 'home' | 'webhooks'
> {
  /** Webhook endpoints with their secrets resolved from the environment. */
  webhooks: WebhooksConfig;
  home: string;
  /** Where the config came from, or null when only defaults and environment apply. */
  source: string | null;
  providers: Record<string, ResolvedProvider>;
  storageUrl: string;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY for every upstream call (src/config/proxy.ts). */
  proxy: ProxySettings;
}

export interface LoadConfigOptions {
  /** Explicit --config path; must exist. */
  path?: string;
  cwd?: string;
  env?: Env;
}

function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ShipgateError(
      ErrorCode.ConfigInvalid,
      `cannot read config file ${path}: ${(cause as Error).message}`,
      { cause },
    );
  }
  try {
    return parseYaml(text) ?? {};
  } catch (cause) {
    throw new ShipgateError(
      ErrorCode.ConfigInvalid,
      `${path} is not valid YAML: ${(cause as Error).message}`,
      { cause },
    );
  }
}

function locateConfig(options: LoadConfigOptions, env: Env): string | null {
  if (options.path) {
    const path = resolve(options.cwd ?? process.cwd(), options.path);
    if (!existsSync(path)) {
      throw new ShipgateError(
        ErrorCode.ConfigInvalid,
        `config file ${path} does not exist (check --config)`,
      );
    }
    return path;
  }
  const fromEnv = env.SHIPGATE_CONFIG;
  if (fromEnv) return locateConfig({ ...options, path: fromEnv }, {});
  const local = resolve(options.cwd ?? process.cwd(), defaultConfigFileName);
  return existsSync(local) ? local : null;
}

/**
 * The official Anthropic SDK's ANTHROPIC_BASE_URL is the origin (https://api.anthropic.com);
 * the AI SDK wants the /v1 base. Accept both forms.
 */
function anthropicBaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.replace(/\/+$/, '');
  return trimmed.endsWith('/v1') ? trimmed : `${trimmed}/v1`;
}

/** Providers from the official SDKs' environment conventions (DESIGN.md), config wins. */
function providersFromEnv(env: Env): Record<string, ResolvedProvider> {
  const found: Record<string, ResolvedProvider> = {};
  if (env.OPENAI_API_KEY || env.OPENAI_BASE_URL) {
    found.openai = {
      name: 'openai',
      kind: 'openai',
      baseUrl: env.OPENAI_BASE_URL,
      apiKey: env.OPENAI_API_KEY,
      headers: {},
    };
  }
  if (env.ANTHROPIC_API_KEY || env.ANTHROPIC_BASE_URL) {
    found.anthropic = {
      name: 'anthropic',
      kind: 'anthropic',
      baseUrl: anthropicBaseUrl(env.ANTHROPIC_BASE_URL),
      apiKey: env.ANTHROPIC_API_KEY,
      headers: {},
    };
  }
  return found;
}

function resolveProviders(
  parsed: ShipgateConfigParsed,
  env: Env,
): Record<string, ResolvedProvider> {
  const providers = providersFromEnv(env);
  for (const [name, p] of Object.entries(parsed.providers)) {
    const apiKey = p.apiKey ?? (p.apiKeyEnv ? env[p.apiKeyEnv] : undefined);
    if (p.apiKeyEnv && !apiKey) {
      throw new ShipgateError(
        ErrorCode.ConfigInvalid,
        `providers.${name}.apiKeyEnv names ${p.apiKeyEnv}, which is not set; export it or remove the key`,
      );
    }
    providers[name] = { name, kind: p.kind, baseUrl: p.baseUrl, apiKey, headers: p.headers };
  }
  return providers;
}

function checkModelProviders(
  parsed: ShipgateConfigParsed,
  providers: Record<string, ResolvedProvider>,
): void {
  for (const [alias, model] of Object.entries(parsed.models)) {
    if (!providers[model.provider]) {
      const known = Object.keys(providers).join(', ') || 'none configured';
      throw new ShipgateError(
        ErrorCode.ConfigInvalid,
        `models.${alias}.provider is "${model.provider}", which is not a configured provider (known: ${known})`,
      );
    }
  }
}

/** Parses and validates raw config input (already read from YAML) against the schema. */
export function parseConfig(input: unknown, source: string, env: Env = {}): ShipgateConfig {
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const lines = formatConfigIssues(result.error, input, source);
    throw new ShipgateError(ErrorCode.ConfigInvalid, lines.join('\n'), {
      details: { issues: lines },
    });
  }
  const parsed = result.data;
  const home = resolve(parsed.home ?? env.SHIPGATE_HOME ?? join(homedir(), '.shipgate'));
  const providers = resolveProviders(parsed, env);
  checkModelProviders(parsed, providers);
  const storageUrl =
    parsed.storage.url ?? env.SHIPGATE_STORAGE_URL ?? `sqlite:${join(home, 'shipgate.db')}`;
  const redisUrl = parsed.redis.url ?? env.SHIPGATE_REDIS_URL;
  return {
    ...parsed,
    redis: { ...parsed.redis, url: redisUrl },
    webhooks: resolveWebhooks(parsed.webhooks, env),
    home,
    source: source === 'defaults' ? null : source,
    providers,
    storageUrl,
    proxy: proxyFromEnv(env),
  };
}

/** Loads the config once (CONVENTIONS.md habit 5): file, then environment, then defaults. */
export function loadConfig(options: LoadConfigOptions = {}): ShipgateConfig {
  const env = options.env ?? process.env;
  const path = locateConfig(options, env);
  const input = path ? readConfigFile(path) : {};
  return parseConfig(input, path ?? 'defaults', env);
}
