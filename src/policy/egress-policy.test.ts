import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../gateway/types.js';
import { EgressPolicy, egressDenied, type EgressRule } from './egress-policy.js';
import { globMatch } from './glob.js';
import { isPrivateHost, providerHosting } from './hosting.js';

const spec = (alias: string): ModelSpec => ({
  alias,
  provider: alias,
  modelId: alias,
  contextWindow: 8192,
  capabilities: ['chat'],
  price: null,
  costPerHourMicros: null,
});
const hosting = (m: ModelSpec) => (m.alias.startsWith('local') ? 'self-hosted' : 'api');
const rules: EgressRule[] = [
  { name: 'private-code', paths: ['src/secret/**', '**/*.pem'], repos: [], allow: ['self-hosted'] },
  { name: 'vault', paths: [], repos: ['acme/vault*'], allow: [] },
  {
    name: 'billing-in-payments',
    paths: ['billing/**'],
    repos: ['acme/payments'],
    allow: ['self-hosted'],
  },
];
const policy = new EgressPolicy(rules, hosting);
const pool = () => [spec('cloud'), spec('local-a'), spec('local-b')];

describe('globMatch', () => {
  it('** crosses directories, * and ? do not; leading ./ and / are ignored', () => {
    expect(globMatch('src/secret/**', 'src/secret/a/b.ts')).toBe(true);
    expect(globMatch('src/secret/**', './src/secret')).toBe(true);
    expect(globMatch('src/*.ts', 'src/a/b.ts')).toBe(false);
    expect(globMatch('**/*.pem', '/etc/keys/server.pem')).toBe(true);
    expect(globMatch('a?c', 'abc')).toBe(true);
    expect(globMatch('src/secret/**', 'src/secretive.ts')).toBe(false);
    expect(globMatch('acme/vault*', 'acme/vault-prod')).toBe(true);
    expect(globMatch('a.b', 'axb')).toBe(false);
  });
});

describe('hosting defaults', () => {
  it('openai-compatible is self-hosted on loopback, private and single-label hosts only', () => {
    for (const host of [
      '127.0.0.1',
      'localhost',
      '10.2.3.4',
      '172.20.0.1',
      '192.168.1.9',
      '[::1]',
      '[fd00::1]',
      'vllm',
    ])
      expect(isPrivateHost(host), host).toBe(true);
    for (const host of ['8.8.8.8', 'api.together.xyz', '172.32.0.1', '[2001:db8::1]'])
      expect(isPrivateHost(host), host).toBe(false);
    expect(providerHosting({ kind: 'openai', baseUrl: 'http://127.0.0.1:1/v1' })).toBe('api');
    expect(providerHosting({ kind: 'openai-compatible', baseUrl: 'http://10.0.0.5:8000/v1' })).toBe(
      'self-hosted',
    );
    expect(
      providerHosting({ kind: 'openai-compatible', baseUrl: 'https://api.groq.com/openai/v1' }),
    ).toBe('api');
  });
});

describe('EgressPolicy.select', () => {
  it('decides nothing when no rule matches', () => {
    const out = policy.select(
      [spec('cloud')],
      { paths: ['src/public/a.ts'], repos: ['acme/web'] },
      pool,
    );
    expect(out).toEqual({ models: [spec('cloud')], decision: null });
  });

  it('drops forbidden candidates, keeps allowed ones in order', () => {
    const out = policy.select(
      [spec('cloud'), spec('local-b')],
      { paths: ['src/secret/k.ts'], repos: [] },
      pool,
    );
    expect(out.models.map((m) => m.alias)).toEqual(['local-b']);
    expect(out.decision).toMatchObject({
      verdict: 'allow',
      rules: ['private-code'],
      dropped: [{ model: 'cloud', hosting: 'api', rule: 'private-code' }],
    });
  });

  it('falls back to allowed models from the pool when every candidate is forbidden', () => {
    const out = policy.select([spec('cloud')], { paths: ['keys/server.pem'], repos: [] }, pool);
    expect(out.models.map((m) => m.alias)).toEqual(['local-a', 'local-b']);
    expect(out.decision?.verdict).toBe('fallback');
  });

  it('denies naming the strictest rule when nothing qualifies', () => {
    const out = policy.select([spec('local-a')], { paths: [], repos: ['acme/vault-prod'] }, pool);
    expect(out.models).toEqual([]);
    expect(out.decision).toMatchObject({ verdict: 'deny', deniedBy: { rule: 'vault', allow: [] } });
    const error = egressDenied(out.decision!);
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('"vault"');
  });

  it('a rule with paths and repos needs both to match', () => {
    const ctx = (paths: string[], repos: string[]) =>
      policy.select([spec('cloud')], { paths, repos }, pool).decision;
    expect(ctx(['billing/x.ts'], ['acme/web'])).toBeNull();
    expect(ctx(['web/x.ts'], ['acme/payments'])).toBeNull();
    expect(ctx(['billing/x.ts'], ['acme/payments'])?.rules).toEqual(['billing-in-payments']);
  });
});
