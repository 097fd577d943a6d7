import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/support/run-cli.js';
import { loadConfig, parseConfig } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'shipgate-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const run = await runCliCaptured(argv, { SHIPGATE_HOME: dir, ...env }, dir);
  return { code: run.code, out: run.stdout, err: run.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('configuration', () => {
  it('has working defaults with no file and no environment', () => {
    const config = loadConfig({ cwd: dir, env: { SHIPGATE_HOME: dir } });
    expect(config.storageUrl).toBe(`sqlite:${join(dir, 'shipgate.db')}`);
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 8787 });
    expect(config.routing.retry.maxAttempts).toBe(3);
    expect(config.routing.deadlines.complete.totalMs).toBeLessThan(
      config.routing.deadlines.generate.totalMs,
    );
    expect(config.providers).toEqual({});
  });

  it('defines providers from the official SDKs’ environment variables', () => {
    const config = parseConfig({}, 'defaults', {
      OPENAI_API_KEY: 'sk-1',
      ANTHROPIC_API_KEY: 'sk-ant-1',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9000',
    });
    expect(config.providers.openai).toMatchObject({ kind: 'openai', apiKey: 'sk-1' });
    expect(config.providers.anthropic).toMatchObject({
      kind: 'anthropic',
      baseUrl: 'http://127.0.0.1:9000/v1',
    });
  });

  it('names the key, the value and what is allowed when a value is wrong, and exits 2', async () => {
    const path = file(
      'bad.yaml',
      'routing:\n  retry:\n    maxAttempts: 50\ncache:\n  ttlSeconds: "soon"\n',
    );
    const result = await cli(['config', 'check', path]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('routing.retry.maxAttempts');
    expect(result.err).toContain('50');
    expect(result.err).toContain('at most 10');
    expect(result.err).toContain('cache.ttlSeconds');
    expect(result.err).toContain('"soon"');
  });

  it('rejects unknown keys, naming them', async () => {
    const result = await cli(['config', 'check', file('typo.yaml', 'routng: {}\n')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown key routng');
  });

  it('rejects a model that names an unknown provider and invalid YAML', async () => {
    const unknown = await cli([
      'config',
      'check',
      file('model.yaml', 'models:\n  fast:\n    provider: nope\n    model: x\n'),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('models.fast.provider');
    const yaml = await cli(['config', 'check', file('broken.yaml', 'a: [1,\n')]);
    expect(yaml.code).toBe(2);
    expect(yaml.err).toContain('not valid YAML');
  });

  it('checks a valid file and prints the JSON Schema for editors', async () => {
    const ok = await cli([
      'config',
      'check',
      '--format',
      'json',
      file(
        'ok.yaml',
        'providers:\n  local:\n    kind: openai-compatible\n    baseUrl: http://127.0.0.1:8080/v1\nmodels:\n  coder:\n    provider: local\n    model: qwen2.5-coder\n',
      ),
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({
      valid: true,
      providers: ['local'],
      models: ['coder'],
    });
    const schema = await cli(['config', 'schema']);
    const parsed = JSON.parse(schema.out);
    expect(parsed.properties.routing.properties.retry.properties.maxAttempts).toMatchObject({
      maximum: 10,
    });
    expect(parsed.properties.providers).toBeDefined();
  });

  it('exits 2 when --config names a missing file', async () => {
    const result = await cli(['--config', join(dir, 'missing.yaml'), 'config', 'check']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('does not exist');
  });
});
