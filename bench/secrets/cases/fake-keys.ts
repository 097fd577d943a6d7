import {
  ALNUM,
  BASE32,
  BASE64,
  BASE64URL,
  DIGITS,
  HEX,
  LOWER,
  UPPER,
  base62,
  base64url,
  crc32,
  type Rng,
} from './random.js';

/**
 * Fake keys in the real formats: right prefixes, lengths, alphabets and, for
 * GitHub's new tokens, the CRC32 checksum. Each returns the secret only;
 * positives.ts embeds it in realistic lines.
 */
export type KeyFactory = (rng: Rng) => string;

function githubToken(prefix: string): KeyFactory {
  return (rng) => {
    const body = rng.chars(ALNUM, 30);
    return `${prefix}${body}${base62(crc32(`${prefix}${body}`), 6)}`;
  };
}

export function pemBody(rng: Rng, lines: number, escapeNewlines = false): string {
  const nl = escapeNewlines ? '\\n' : '\n';
  const rows = Array.from({ length: lines }, () => rng.chars(BASE64, 64));
  return `MII${rng.chars(BASE64, 61)}${nl}${rows.join(nl)}${nl}${rng.chars(BASE64, 20)}==`;
}

export const keyFactories: Record<string, KeyFactory[]> = {
  'aws-access-key-id': [(rng) => `${rng.pick(['AKIA', 'ASIA'])}${rng.chars(BASE32, 16)}`],
  'aws-secret-access-key': [(rng) => rng.chars(BASE64, 40)],
  'gcp-api-key': [(rng) => `AIza${rng.chars(BASE64URL, 35)}`],
  'azure-storage-key': [(rng) => `${rng.chars(BASE64, 86)}==`],
  github: [
    githubToken('ghp_'),
    githubToken('gho_'),
    githubToken('ghu_'),
    githubToken('ghs_'),
    githubToken('ghr_'),
    (rng) => `github_pat_11${rng.chars(UPPER + DIGITS, 20)}_${rng.chars(ALNUM, 59)}`,
  ],
  gitlab: [(rng) => `glpat-${rng.chars(`${ALNUM}_-`, 20)}`],
  slack: [
    // Bot, workspace and refresh tokens: two ids, 24 random characters.
    (rng) =>
      `${rng.pick(['xoxb', 'xoxa', 'xoxr'])}-${rng.chars(DIGITS, 12)}-${rng.chars(DIGITS, 13)}-${rng.chars(ALNUM, 24)}`,
    // User tokens: team, user and token ids, 32 hex.
    (rng) =>
      `xoxp-${rng.chars(DIGITS, 11)}-${rng.chars(DIGITS, 12)}-${rng.chars(DIGITS, 12)}-${rng.chars(HEX, 32)}`,
    // Legacy tokens: ids, then hex.
    (rng) =>
      `xoxs-${rng.chars(DIGITS, 12)}-${rng.chars(DIGITS, 9)}-${rng.chars(DIGITS, 10)}-${rng.chars(HEX, 10)}`,
    (rng) =>
      `https://hooks.slack.com/services/T${rng.chars(UPPER + DIGITS, 8)}/B${rng.chars(UPPER + DIGITS, 10)}/${rng.chars(ALNUM, 24)}`,
  ],
  'stripe-live': [
    (rng) => `sk_live_${rng.chars(ALNUM, rng.pick([24, 34, 99]))}`,
    (rng) => `rk_live_${rng.chars(ALNUM, rng.pick([24, 99]))}`,
  ],
  'stripe-test': [(rng) => `sk_test_${rng.chars(ALNUM, rng.pick([24, 99]))}`],
  openai: [
    (rng) => `sk-proj-${rng.chars(BASE64URL, 156)}`,
    (rng) => `sk-${rng.chars(ALNUM, 20)}T3BlbkFJ${rng.chars(ALNUM, 20)}`,
    (rng) => `sk-svcacct-${rng.chars(BASE64URL, 120)}`,
  ],
  anthropic: [(rng) => `sk-ant-api03-${rng.chars(BASE64URL, 93)}AA`],
  npm: [(rng) => `npm_${rng.chars(ALNUM, 36)}`],
  sendgrid: [(rng) => `SG.${rng.chars(BASE64URL, 22)}.${rng.chars(BASE64URL, 43)}`],
  twilio: [(rng) => `SK${rng.chars(HEX, 32)}`],
  'private-key': [
    (rng) => {
      const kind = rng.pick(['RSA ', 'EC ', 'OPENSSH ', '', 'ENCRYPTED ']);
      return `-----BEGIN ${kind}PRIVATE KEY-----\n${pemBody(rng, 4 + rng.int(8))}\n-----END ${kind}PRIVATE KEY-----`;
    },
  ],
  jwt: [
    (rng) => {
      const header = base64url(JSON.stringify({ alg: rng.pick(['HS256', 'RS256']), typ: 'JWT' }));
      const payload = base64url(
        JSON.stringify({
          sub: rng.chars(DIGITS, 10),
          name: rng.chars(LOWER, 8),
          iat: 1700000000 + rng.int(1e7),
        }),
      );
      return `${header}.${payload}.${rng.chars(BASE64URL, 43)}`;
    },
  ],
  password: [
    (rng) =>
      `${rng.chars(ALNUM, 4 + rng.int(6))}${rng.pick(['!', '#', '%', '&', '@', '^'])}${rng.chars(ALNUM, 3 + rng.int(6))}`,
  ],
  'generic-token': [(rng) => rng.chars(rng.pick([ALNUM, HEX, BASE64URL]), 24 + rng.int(40))],
};
