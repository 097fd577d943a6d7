import { describe, expect, it } from 'vitest';
import { createSecretsGate } from './secrets.js';

const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
const mix = (n: number): string =>
  Array.from({ length: n }, (_, i) => pool[(i * 7) % pool.length]).join('');

const run = (content: string, options: Record<string, unknown> = {}) =>
  createSecretsGate().run(
    { root: '/project', files: [{ path: '/project/src/config.ts', content }], options },
    new AbortController().signal,
  );

describe('secrets gate', () => {
  it('fails on a hardcoded token with a CWE-798 finding that does not leak the secret', async () => {
    const token = `ghp_${mix(36)}`;
    const result = await run(`import x from 'y';\n\nexport const token = '${token}';\n`);
    expect(result.verdict).toBe('fail');
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding).toMatchObject({
      gate: 'secrets',
      rule: 'github-token',
      severity: 'critical',
      line: 3,
      column: 23,
      cwe: 'CWE-798',
      file: '/project/src/config.ts',
    });
    expect(finding?.fix).toMatch(/environment variable or secret manager/);
    expect(finding?.message).not.toContain(token);
  });

  it('passes clean files and reports only below-threshold findings', async () => {
    expect((await run('export const port = 8080;\n')).verdict).toBe('pass');
    const testKey = await run(`const stripe = 'sk_test_${mix(24)}';\n`);
    expect(testKey.findings.map((f) => f.severity)).toEqual(['medium']);
    expect(testKey.verdict).toBe('pass');
    expect(
      (await run(`const stripe = 'sk_test_${mix(24)}';\n`, { blocking: 'medium' })).verdict,
    ).toBe('fail');
  });

  it('applies to text files, not to images or archives', () => {
    const gate = createSecretsGate();
    expect(gate.appliesTo('/p/.env')).toBe(true);
    expect(gate.appliesTo('/p/config.yaml')).toBe(true);
    expect(gate.appliesTo('/p/logo.png')).toBe(false);
  });
});

describe('secrets gate: keystores', () => {
  it('flags a PKCS#12 keystore by its file name', async () => {
    const gate = createSecretsGate();
    const files = [{ path: 'certs/client.P12', content: '' }];
    const result = await gate.run({ root: '.', files, options: {} }, new AbortController().signal);
    expect(result.findings.map((f) => [f.rule, f.cwe, f.line])).toEqual([
      ['pkcs12-file', 'CWE-798', 1],
    ]);
  });
});

describe('secrets gate: file-specific formats', () => {
  const nuget = `<add key="ClearTextPassword" value="k7Qz9mW2xR7pL5vB" />\n`;
  const runAt = (path: string, content: string) =>
    createSecretsGate({ generic: false }).run(
      { root: '/project', files: [{ path, content }], options: {} },
      new AbortController().signal,
    );

  it('applies the NuGet password format to NuGet.Config only', async () => {
    expect((await runAt('/project/NuGet.Config', nuget)).findings.map((f) => f.rule)).toEqual([
      'nuget-config-password',
    ]);
    expect((await runAt('/project/docs/setup.md', nuget)).findings).toEqual([]);
  });
});
