import { describe, expect, it } from 'vitest';
import { redact, restore } from './redact.js';

const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
const mix = (n: number, offset = 0): string =>
  Array.from({ length: n }, (_, i) => pool[(i * 7 + offset) % pool.length]).join('');

describe('redact', () => {
  const github = `ghp_${mix(36)}`;
  const stripe = `sk_live_${mix(24, 2)}`;
  const text = `const a = "${github}";\nconst b = "${stripe}";\nconst c = "${github}";\n`;

  it('replaces secrets with stable numbered placeholders, same secret → same placeholder', async () => {
    const { redacted } = await redact(text);
    expect(redacted).toBe(
      'const a = "[REDACTED:github-token:1]";\n' +
        'const b = "[REDACTED:stripe-live-key:1]";\n' +
        'const c = "[REDACTED:github-token:1]";\n',
    );
  });

  it('reports findings with offsets into the original input', async () => {
    const { findings } = await redact(text);
    expect(findings).toHaveLength(3);
    for (const f of findings) expect([github, stripe]).toContain(text.slice(f.start, f.end));
    expect(findings.map((f) => [f.rule, f.line])).toEqual([
      ['github-token', 1],
      ['stripe-live-key', 2],
      ['github-token', 3],
    ]);
  });

  it('restores the originals from the vault, also in text a model rewrote', async () => {
    const { redacted, vault } = await redact(text);
    expect(restore(redacted, vault)).toBe(text);
    const modelReply = 'export const token = "[REDACTED:github-token:1]"; // [REDACTED:other:9]';
    expect(restore(modelReply, vault)).toBe(
      `export const token = "${github}"; // [REDACTED:other:9]`,
    );
  });

  it('never reuses a placeholder that already appears in the input', async () => {
    const input = `note: [REDACTED:github-token:1]\nkey = "${github}"\n`;
    const { redacted, vault } = await redact(input);
    expect(redacted).toBe('note: [REDACTED:github-token:1]\nkey = "[REDACTED:github-token:2]"\n');
    expect(restore(redacted, vault)).toBe(`note: [REDACTED:github-token:1]\nkey = "${github}"\n`);
  });

  it('leaves text without secrets unchanged', async () => {
    const result = await redact('const x = 1;\n');
    expect(result).toEqual({
      redacted: 'const x = 1;\n',
      findings: [],
      vault: { version: 1, entries: {} },
    });
  });

  it('is idempotent: redacting redacted text finds nothing more', async () => {
    const once = await redact(text);
    const twice = await redact(once.redacted);
    expect(twice.findings).toEqual([]);
  });
});
