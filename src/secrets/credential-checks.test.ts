import { describe, expect, it } from 'vitest';
import { decodedText } from './base64-text.js';
import {
  basicAccepted,
  curlHeaderAccepted,
  curlUserAccepted,
  encodedJwtAccepted,
  jwtAccepted,
  keyBlockAccepted,
  kubernetesSecretAccepted,
  sentryOrgTokenAccepted,
  uriPasswordAccepted,
} from './credential-checks.js';

const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE+/';
const mix = (n: number, offset = 0): string =>
  Array.from({ length: n }, (_, i) => pool[(i * 7 + offset) % pool.length]).join('');
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const b64url = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('decodedText', () => {
  it('decodes base64 that holds text', () => {
    expect(decodedText(b64('db-user:hunter22'))).toBe('db-user:hunter22');
  });
  it('leaves binary, short and non-base64 values alone', () => {
    expect(decodedText(Buffer.from([0, 159, 255, 7, 200, 1, 2, 3, 4]).toString('base64'))).toBe(
      undefined,
    );
    expect(decodedText('abc=')).toBe(undefined);
    expect(decodedText('not base64 at all!')).toBe(undefined);
  });
});

describe('curl credentials', () => {
  it('accepts a user with a random password, or a lone random token', () => {
    expect(curlUserAccepted(`deploy:${mix(14)}`)).toBe(true);
    expect(curlUserAccepted(`${mix(12)}:`)).toBe(true);
  });
  it.each([
    'username:password',
    '$CI_USER:$CI_TOKEN',
    '%USER%:%PASS%',
    'admin:your_password_here',
    '<user>:<pass>',
  ])('rejects %s', (pair) => {
    expect(curlUserAccepted(pair)).toBe(false);
  });

  it('judges a Basic header by the pair it encodes', () => {
    expect(basicAccepted(b64('$API_USER:$API_PASS'))).toBe(false);
    expect(basicAccepted(b64('reader:<password>'))).toBe(false);
    expect(basicAccepted(b64(`reader:${mix(16)}`))).toBe(true);
    const pair = b64('${USER}:${TOKEN}');
    const text = `curl -H "Authorization: Basic ${pair}"`;
    expect(curlHeaderAccepted(pair, text, text.indexOf('Basic ') + 6)).toBe(false);
  });

  it('rejects a header value made of words', () => {
    expect(curlHeaderAccepted('YOUR_ACCESS_TOKEN', '', 0)).toBe(false);
    expect(curlHeaderAccepted(mix(32), '', 0)).toBe(true);
  });
});

describe('uriPasswordAccepted', () => {
  it('accepts a random password and rejects stand-ins', () => {
    expect(uriPasswordAccepted(mix(16))).toBe(true);
    expect(uriPasswordAccepted('$(cat /run/db-pass)')).toBe(false);
    expect(uriPasswordAccepted('my_db_password')).toBe(false);
    expect(uriPasswordAccepted('postgres')).toBe(false);
  });
});

describe('keyBlockAccepted', () => {
  const block = (body: string): string =>
    `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
  it('accepts base64 with the spread of key bytes', () => {
    expect(keyBlockAccepted(block(`MII${mix(61)}\n${mix(40, 3)}==`))).toBe(true);
    expect(keyBlockAccepted(block(`MII${mix(61)}\\n${mix(40, 3)}`))).toBe(true);
  });
  it.each([
    ['a word', 'whatever'],
    ['a sentence', 'paste the contents of your private key file in this place please'],
    ['one repeated character', 'A'.repeat(96)],
  ])('rejects %s between the markers', (_what, body) => {
    expect(keyBlockAccepted(block(body))).toBe(false);
  });
});

describe('kubernetesSecretAccepted', () => {
  const value = b64(`${mix(18)}`);
  const manifest = (kind: string, v = value): string =>
    `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: x\ndata:\n  password: ${v}\n`;
  it('accepts a data value of a Secret, wherever its kind line is', () => {
    const text = manifest('Secret');
    expect(kubernetesSecretAccepted(value, text, text.indexOf(value))).toBe(true);
    const after = `data:\n  password: ${value}\nkind: Secret\n`;
    expect(kubernetesSecretAccepted(value, after, after.indexOf(value))).toBe(true);
  });
  it('rejects other kinds, also when a Secret is another document of the file', () => {
    const text = manifest('ConfigMap');
    expect(kubernetesSecretAccepted(value, text, text.indexOf(value))).toBe(false);
    const multi = `${text}---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n`;
    expect(kubernetesSecretAccepted(value, multi, multi.indexOf(value))).toBe(false);
  });
  it('rejects a value that encodes a stand-in', () => {
    const standIn = b64('replace-with-your-password');
    const text = manifest('Secret', standIn);
    expect(kubernetesSecretAccepted(standIn, text, text.indexOf(standIn))).toBe(false);
  });
});

describe('JWT and Sentry payloads', () => {
  const header = b64url({ alg: 'HS256', typ: 'JWT' });
  const payload = b64url({ sub: 'k7', iat: 1716239022 });
  const signature = mix(43).replace(/[+/]/g, 'q');

  it('wants a JOSE header that names its algorithm', () => {
    expect(jwtAccepted(`${header}.${payload}.${signature}`)).toBe(true);
    expect(jwtAccepted(`${b64url({ typ: 'JWT' })}.${payload}.${signature}`)).toBe(false);
    expect(jwtAccepted(`eyJ${mix(30).replace(/[+/]/g, 'q')}.${payload}.${signature}`)).toBe(false);
  });

  it('decodes a base64-wrapped JWT before judging it', () => {
    expect(encodedJwtAccepted(b64(`${header}.${payload}.${signature}`))).toBe(true);
    expect(encodedJwtAccepted(b64(`eyJ${mix(40)}.eyJ${mix(40)}`))).toBe(false);
  });

  it("wants a Sentry org token's payload to name its region", () => {
    const sig = mix(43);
    const org = Buffer.from(
      JSON.stringify({ iat: 1, url: 'https://x', region_url: 'https://y', org: 'o' }),
    ).toString('base64');
    expect(sentryOrgTokenAccepted(`sntrys_${org}_${sig}`)).toBe(true);
    const other = Buffer.from(JSON.stringify({ iat: 1, note: 'anything else here' })).toString(
      'base64',
    );
    expect(sentryOrgTokenAccepted(`sntrys_${other}_${sig}`)).toBe(false);
  });
});

describe('more stand-ins on curl lines', () => {
  it.each(['#{user}:#{pass}', '[user]:[pass]', 'login:p@ssw0rd', '@USER@:@PASS@'])(
    'rejects %s',
    (pair) => {
      expect(curlUserAccepted(pair)).toBe(false);
    },
  );
  it('rejects a documentation JWT as a header value', () => {
    const sample = `${b64url({ alg: 'HS256' })}.${b64url({ sub: '1234567890' })}.${mix(43).replace(/[+/]/g, 'q')}`;
    const real = `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'k7', iat: 1716239022 })}.${mix(43).replace(/[+/]/g, 'q')}`;
    expect(curlHeaderAccepted(sample, '', 0)).toBe(false);
    expect(curlHeaderAccepted(real, '', 0)).toBe(true);
  });

  it('rejects a scheme name followed by its parameters', () => {
    const text = 'curl -H "Authorization: AWS4-HMAC-SHA256 Credential=$KEY/x, Signature=$SIG"';
    const start = text.indexOf('AWS4');
    expect(curlHeaderAccepted('AWS4-HMAC-SHA256', text, start)).toBe(false);
  });
});
