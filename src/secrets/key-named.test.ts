import { describe, expect, it } from 'vitest';
import { createSecretDetector } from './detect.js';
import { scanKeyNamed } from './key-named.js';

// Fake values are assembled at run time so no key-shaped string sits in the repository.
const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
const mix = (n: number, offset = 0): string =>
  Array.from({ length: n }, (_, i) => pool[(i * 7 + offset) % pool.length]).join('');
const uuid = '3f2b8c1e-9d4a-4b6f-8e21-7c5d0a9b1f34';

const found = (text: string): string[] => scanKeyNamed(text).map((m) => m.secret);

describe('values named by a `…_key` name', () => {
  it('finds long random values after a word that does not say what the key indexes', () => {
    const value = mix(32);
    expect(found(`LICENSE_KEY=${value}\n`)).toEqual([value]);
    expect(found(`const masterKey = "${value}";`)).toEqual([value]);
    expect(found(`app-key: ${value}\n`)).toEqual([value]);
    expect(found(`"encryption_key": "${value}",`)).toEqual([value]);
    expect(found(`process.env.SIGNING_KEY ??= '${value}';`)).toEqual([value]);
  });

  it("reads Laravel's `base64:` encoding as the key's, not a scheme", () => {
    const value = `base64:${mix(43)}=`;
    expect(found(`APP_KEY=${value}\n`)).toEqual([value]);
  });

  it('reports through the detector as the generic API key rule', async () => {
    const matches = await createSecretDetector().detect(`LICENSE_KEY=${mix(32)}\n`);
    expect(matches.map((m) => m.rule)).toEqual(['generic-api-key']);
  });

  it('leaves keys that index, order, label or are public', () => {
    const value = mix(32);
    for (const name of [
      'cache_key',
      'sortKey',
      'partition_key',
      'PUBLIC_KEY',
      'siteKey',
      'i18nKey',
    ])
      expect(found(`${name} = "${value}"`), name).toEqual([]);
    expect(found(`key = "${value}"`), 'no word before key').toEqual([]);
  });

  it('leaves values that name a resource or are identifiers, code or digests', () => {
    expect(found(`"encryptionKey": "arn:aws:kms:us-west-2:417392058461:key/${uuid}",`)).toEqual([]);
    expect(found(`"attachment_key": "S3AccessPointAttachments"`)).toEqual([]);
    expect(found(`error_per_key = 100000.0/first_set_max_id\n`)).toEqual([]);
    expect(found(`license_key = "${'a1b2c3d4e5f6'.repeat(3)}"`), 'a repeated block').toEqual([]);
    expect(found(`gpg_key = "${'0123456789ABCDEF'.repeat(2)}9F3C2D1A"`), 'hex id').toEqual([]);
    expect(found(`LICENSE_KEY=${'x'.repeat(32)}`), 'a mask').toEqual([]);
    expect(found(`LICENSE_KEY=\${LICENSE_KEY_FROM_VAULT}`), 'a reference').toEqual([]);
  });

  it('needs letters and digits, 20 characters and 3.5 bits of entropy per character', () => {
    expect(found(`license_key = "${mix(19)}"`)).toEqual([]);
    // ten symbols, each three times: 3.3 bits, enough for a named token, not for a `…_key`
    expect(found(`license_key = "7ka2mp9x4rk9x7a4mr2pa4r7x2kpm9"`)).toEqual([]);
  });
});
