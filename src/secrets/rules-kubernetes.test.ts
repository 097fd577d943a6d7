import { describe, expect, it } from 'vitest';
import { createSecretDetector } from './detect.js';

const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
const mix = (n: number, offset = 0): string =>
  Array.from({ length: n }, (_, i) => pool[(i * 7 + offset) % pool.length]).join('');
/** A random password as a Secret's `data:` holds it: base64 of the text. */
const value = Buffer.from(`${mix(14)}!${mix(6, 3)}`).toString('base64');

const detector = createSecretDetector({ generic: false });
const rules = async (text: string): Promise<string[]> =>
  (await detector.detect(text)).map((m) => m.rule);

describe('Kubernetes Secret manifests, however they are laid out', () => {
  it.each([
    [
      'the usual layout',
      `apiVersion: v1\nkind: Secret\ntype: Opaque\ndata:\n  db-pass: ${value}\n`,
    ],
    ['kind after data', `apiVersion: v1\ndata:\n  db-pass: ${value}\nkind: Secret\n`],
    ['no space after kind:', `apiVersion: v1\nkind:Secret\ndata:\n  db-pass: ${value}\n`],
    ['a quoted kind and key', `kind: "Secret"\ndata:\n  "tls.key": "${value}"\n`],
    [
      'many short entries before the value',
      `kind: Secret\ndata:\n  a: YQ==\n  b: Yg==\n  # the key\n  c: Yw==\n  d: ZA==\n  e: ZQ==\n  db-pass: ${value}\n`,
    ],
    ['a flow mapping', `kind: Secret\ndata: {db-pass: ${value}}\n`],
    [
      'JSON, as kubectl prints it',
      `{\n  "apiVersion": "v1",\n  "kind": "Secret",\n  "data": {\n    "db-pass": "${value}"\n  }\n}`,
    ],
    ['minified JSON', `{"apiVersion":"v1","kind":"Secret","data":{"db-pass":"${value}"}}`],
    ['a list item', `items:\n- kind: Secret\n  data:\n    db-pass: ${value}\n`],
  ])('finds the data of %s', async (_what, text) => {
    expect(await rules(text)).toEqual(['kubernetes-secret']);
  });

  it.each([
    ['a ConfigMap', `kind: ConfigMap\ndata:\n  db-pass: ${value}\n`],
    ['a lower-case kind, which the API rejects', `kind: secret\ndata:\n  db-pass: ${value}\n`],
    ['an ExternalSecret', `kind: ExternalSecret\ndata:\n  db-pass: ${value}\n`],
    ['a JSON ConfigMap', `{"kind":"ConfigMap","data":{"db-pass":"${value}"}}`],
    [
      'a value cut short by other characters',
      `kind: Secret\ndata:\n  name: ${mix(16)}-${mix(4)}\n`,
    ],
    [
      'a stand-in, encoded',
      `kind: Secret\ndata:\n  db-pass: ${Buffer.from('your-password-here').toString('base64')}\n`,
    ],
  ])('ignores %s', async (_what, text) => {
    expect(await rules(text)).toEqual([]);
  });

  it('scans long data blocks of short, blank and comment lines in linear time', async () => {
    const block = `data:\n${'  k: v\n  \n  # note\n\n'.repeat(500)}`;
    const text = `kind: Secret\n${block.repeat(4)}`;
    const started = performance.now();
    expect(await rules(text)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
