import { describe, expect, it } from 'vitest';
import { shannonEntropy } from './allow-list.js';
import { createSecretDetector } from './detect.js';

// Fake keys are assembled at run time so no real-format token sits in the repository.
const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
const mix = (n: number, offset = 0): string =>
  Array.from({ length: n }, (_, i) => pool[(i * 7 + offset) % pool.length]).join('');
const upper32 = (n: number): string =>
  mix(n)
    .toUpperCase()
    .replace(/[0189]/g, 'Q');

const detector = createSecretDetector();
const rulesIn = async (text: string): Promise<string[]> =>
  (await detector.detect(text)).map((m) => m.rule);

describe('detectSecrets: provider formats', () => {
  const cases: Array<[string, string]> = [
    ['github-token', `const t = "ghp_${mix(36)}";`],
    ['github-token', `GH=github_pat_${mix(22)}_${mix(59, 3)}`],
    ['gitlab-token', `token: glpat-${mix(20)}`],
    ['dropbox-token', `DROPBOX_TOKEN=sl.${mix(70)}${mix(70, 11)}`],
    ['mapbox-token', `const token = "sk.eyJ1Ijoi${mix(50)}.${mix(22, 5)}";`],
    ['aws-access-key-id', `key = AKIA${upper32(16)}`],
    ['gcp-api-key', `GOOGLE_API_KEY=AIza${mix(35)}`],
    ['slack-token', `SLACK=xoxb-263594206564-2734528071381-${mix(24)}`],
    ['stripe-live-key', `stripe(sk_live_${mix(24)})`],
    ['stripe-test-key', `stripe(sk_test_${mix(24)})`],
    ['openai-api-key', `OPENAI_API_KEY=sk-proj-${mix(100)}`],
    ['anthropic-api-key', `ANTHROPIC_API_KEY=sk-ant-api03-${mix(93)}AA`],
    ['npm-token', `//registry.npmjs.org/:_authToken=npm_${mix(36)}`],
    ['sendgrid-api-key', `SG.${mix(22)}.${mix(43, 5)}`],
    ['twilio-api-key', `sid = "SK${'5e0b3f9a7c2d81e4'.repeat(2)}"`],
    ['jwt', `jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.${mix(43)}"`],
    ['azure-storage-key', `AccountName=a;AccountKey=${mix(86)}==;EndpointSuffix=core.windows.net`],
  ];
  it.each(cases)('finds %s', async (rule, text) => {
    expect(await rulesIn(text)).toContain(rule);
  });

  it('finds a private key block as one secret', async () => {
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${mix(64)}\n${mix(64, 1)}\n-----END RSA PRIVATE KEY-----`;
    const [match, ...rest] = await detector.detect(`key:\n${pem}\n`);
    expect(rest).toEqual([]);
    expect(match?.rule).toBe('private-key');
    expect(match?.secret).toBe(pem);
    expect(match?.line).toBe(2);
  });

  it('masks only the password of a connection string', async () => {
    const text = `DATABASE_URL=postgres://app:${mix(14)}@db.internal:5432/app`;
    const matches = await detector.detect(text);
    expect(matches.map((m) => [m.rule, m.secret])).toEqual([
      ['connection-string-password', mix(14)],
    ]);
  });
});

describe('detectSecrets: offsets', () => {
  it('reports UTF-16 character offsets and 1-based lines, also after astral characters', async () => {
    const token = `ghp_${mix(36)}`;
    const text = `// héllo 😀 wörld\nconst a = 1;\nconst t = '${token}';\n`;
    const [match] = await detector.detect(text);
    expect(match).toBeDefined();
    expect(text.slice(match?.start, match?.end)).toBe(token);
    expect(match?.line).toBe(3);
  });

  it('points at the value, not the variable name, for the AWS secret key', async () => {
    const secret = mix(40).replace(/[aeiou]/g, '/');
    const text = `AWS_SECRET_ACCESS_KEY=${secret}\n`;
    const matches = await detector.detect(text);
    expect(matches.map((m) => m.secret)).toEqual([secret]);
  });

  it('merges overlapping matches into one, keeping the most specific rule', async () => {
    const matches = await detector.detect(`export GITHUB_TOKEN="ghp_${mix(36)}"`);
    expect(matches.map((m) => m.rule)).toEqual(['github-token']);
  });
});

describe('detectSecrets: generic assignments', () => {
  it.each([
    ['generic-password', `db:\n  password: "Tr0ub4dor&3x!"\n`],
    ['generic-password', `DB_PASSWORD=${mix(12)}\n`],
    ['generic-secret', `"client_secret": "${mix(32)}"`],
    ['generic-api-key', `const apiKey = '${mix(28)}';`],
    ['generic-token', `auth_token = "${'9f86d081884c7d659a2feaa0c55ad015'}"`],
    ['authorization-header', `fetch(url, { headers: { Authorization: "Bearer ${mix(40)}" } })`],
    ['curl-auth-header', `curl -H "Authorization: Bearer ${mix(40)}" https://x`],
  ])('finds %s', async (rule, text) => {
    expect(await rulesIn(text)).toEqual([rule]);
  });

  it.each([
    ['a placeholder', 'password: changeme'],
    ['an angle-bracket placeholder', 'GITHUB_TOKEN=<your-token>'],
    ['an environment reference', 'const apiKey = process.env.API_KEY;'],
    ['a template', 'DB_PASSWORD=${DB_PASSWORD}'],
    ['masked stars', 'secret: "************"'],
    ['a word placeholder', 'OPENAI_API_KEY=your-api-key-goes-here'],
    ['pieces of sequences', 'const apiToken = "abc123xyz456";'],
    [
      'a URN beside a token name',
      `headers: { 'Lock-Token': 'urn:uuid:3f2b8c1e-9d4a-4f6b-8e2c-7a1d5b9c0e4f' }`,
    ],
    [
      'AWS documented examples',
      'id=AKIAIOSFODNN7EXAMPLE\nsecret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ],
    ['a UUID', 'const requestId = "3f0c2a9e-8c1d-4b7a-9e2f-1a2b3c4d5e6f";'],
    ['a git SHA', 'commit 3f0c2a9e8c1d4b7a9e2f1a2b3c4d5e6f7a8b9c0d'],
    ['a sha256 digest named as one', `checksum = "${'ab12'.repeat(16)}"`],
    ['a type annotation', 'interface C { password: string; token?: string }'],
    ['code reading a secret', 'const token = await getToken(session);'],
    ['a token count', 'max_tokens: 4096'],
    ['a connection string without password', 'postgres://localhost:5432/app'],
    ['a password-less default', 'postgres://user:password@localhost/db'],
    ['our own placeholder', 'token = "[REDACTED:github-token:1]"'],
    ['prose', 'The secret to a good token budget is planning.'],
    // shapes met in ordinary packages' code, docs and type declarations (written here anew)
    ['a value that names a credential', 'password = warehousepassword'],
    ['a selector naming the field', 'loginField: "input[name=password]",'],
    [
      'a sample that spells its kind',
      'const client = new Client({ auth: "team-access-token42" });',
    ],
    ['a type union of names', 'auth: OAuthClientCredentials | StaticBearerAuthConfig;'],
    [
      'an export of a class named for a credential',
      'exports.SaslPasswordMessage = SaslPasswordMessage;',
    ],
    ['a state named for authentication', "AUTHENTICATING: 'authenticating',"],
    ['an HTTP/2 authority header', "':authority': 'api.example.org'"],
    ['a JSON boolean', '"pwd": false,'],
    ['a method as a value', 'verifyPassword: function (input) {'],
    ['an index into an array', 'token = tokens[tokens.length - 1]'],
    ['an optional chain', 'this.nextToken = this.lexer?.peek ?? null'],
    ['a lexer state marked by punctuation', 'lastToken = "?ExpressionStartKeyword";'],
  ])('ignores %s', async (_what, text) => {
    expect(await detector.detect(text)).toEqual([]);
  });

  it('still finds random values next to those names, quoted or not', async () => {
    expect(await rulesIn(`password = ${mix(14)}`)).toEqual(['generic-password']);
    expect(await rulesIn(`authorization: "${mix(32)}"`)).toEqual(['generic-secret']);
    expect(await rulesIn(`"pwd": "${mix(12)}",`)).toEqual(['generic-password']);
  });

  it('flags a hex value when the name says it is a secret, but not a digest name', async () => {
    const hex = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
    expect(await rulesIn(`API_SECRET="${hex}"`)).toEqual(['generic-secret']);
    expect(await rulesIn(`integrity_sha="${hex}"`)).toEqual([]);
  });
});

describe('engine selection', () => {
  it('can run secretlint alone (the benchmark baseline)', async () => {
    const only = createSecretDetector({ providers: false, generic: false, secretlint: true });
    expect(await only.detect(`x = "sk_live_${mix(24)}"`)).toEqual([]);
    expect((await only.detect(`x = "ghp_${mix(36)}"`)).map((m) => m.source)).toEqual([
      'secretlint',
    ]);
  });

  it('computes Shannon entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});

describe('gitleaks-style provider rules', () => {
  it.each([
    ['huggingface-token', `HF_TOKEN=hf_${mix(34).replace(/\d/g, 'q')}`],
    ['perplexity-api-key', `key: "pplx-${mix(48)}"`],
    [
      'age-secret-key',
      `AGE-SECRET-KEY-1${'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L'.repeat(2).slice(0, 58)}`,
    ],
    ['digitalocean-token', `DO=dop_v1_${'5e0b3f9a7c2d81e4'.repeat(4)}`],
    ['sentry-access-token', `SENTRY_AUTH = "${'5e0b3f9a7c2d81e4'.repeat(4)}"`],
    ['mailgun-key', `MAILGUN_API_KEY=key-${'5e0b3f9a7c2d81e4'.repeat(2)}`],
    ['curl-auth-user', `curl -u deploy:${mix(16)} https://ci.internal/api`],
    ['curl-auth-header', `curl https://x \\\n  -H "X-Service-ApiKey: ${mix(32)}"`],
  ])('finds %s', async (rule, text) => {
    expect(await rulesIn(text)).toContain(rule);
  });

  it.each([
    ['a strict format filled with an alphabet run', `pplx-${'abcdefghijklmnopqrstuvwx'.repeat(2)}`],
    ['a named value below its entropy floor', `SENTRY_AUTH = "${'ab'.repeat(32)}"`],
    ['shell variables on a curl line', 'curl --user "$CI_USER:$CI_PASSWORD" https://x'],
    ['two plain words on a curl line', 'curl -u username:password https://x'],
    ['a braced template', 'SERVICE_KEY={ServiceKey}'],
    ['the keyword without the format', 'const prefix = "hf_"; // huggingface tokens start so'],
  ])('ignores %s', async (_what, text) => {
    expect(await detector.detect(text)).toEqual([]);
  });

  it('recognises a documentation JWT by its made-up claims, and flags a real-looking one', async () => {
    const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = part({ alg: 'HS256', typ: 'JWT' });
    const sample = `${head}.${part({ sub: '1234567890', name: 'Jo' })}.${mix(43)}`;
    const real = `${head}.${part({ sub: '83920417', iat: 1716239022 })}.${mix(43)}`;
    expect(await rulesIn(`Authorization: Bearer ${sample}`)).toEqual([]);
    expect(await rulesIn(`Authorization: Bearer ${real}`)).toContain('jwt');
  });
});

describe('detectSecrets: prose and masks', () => {
  const aws = `AKIA${upper32(16)}`;
  it.each([`The key is ${aws}.`, `use ${aws}!`, `is it ${aws}?`, `key: ${aws}: rotate it`])(
    'finds a key that ends a sentence: %s',
    async (text) => {
      expect(await rulesIn(text)).toContain('aws-access-key-id');
    },
  );
  it.each([`https://api.example.org/v1?key=${aws}&page=2`, `https://host/cb?token=${aws}#top`])(
    'finds a key inside a URL, before the next parameter or the fragment: %s',
    async (text) => {
      expect(await rulesIn(text)).toContain('aws-access-key-id');
    },
  );
  it('does not take a token that runs into a mask for a secret', async () => {
    expect(await rulesIn(`token: "xoxp-263594206564-2734528071381-${'#'.repeat(24)}"`)).toEqual([]);
  });
});

describe('detectSecrets: one judgement per format', () => {
  it("does not let secretlint's looser pattern bring back a value our rule for the format rejects", async () => {
    // Letters only: our Slack rule wants a digit, as every issued token has one.
    expect(await rulesIn('const slack = "xoxb-AbcdEfghIjklMnopQrstUvwx";')).toEqual([]);
    expect(await rulesIn(`SLACK=xoxb-263594206564-2734528071381-${mix(24)}`)).toContain(
      'slack-token',
    );
  });
});

describe("detectSecrets: the storage emulator's published account", () => {
  const conn = (account: string): string =>
    `DefaultEndpointsProtocol=http;AccountName=${account};AccountKey=${mix(86)}==;`;
  it('holds no secret in a connection string to devstoreaccount1; any other account does', async () => {
    expect(await rulesIn(conn('devstoreaccount1'))).toEqual([]);
    expect(await rulesIn(conn('devstoreaccount10'))).toEqual(['azure-storage-key']);
    expect(await rulesIn(conn('prodstore'))).toEqual(['azure-storage-key']);
  });
});

describe('detectSecrets: stand-ins judged by shape', () => {
  const b64 = (text: string): string => Buffer.from(text).toString('base64');
  it.each([
    ['words after a provider prefix', 'GITHUB_TOKEN=ghp_replace_with_your_token'],
    ['one character filling a format', `key = AKIA${'Q'.repeat(16)}`],
    ['a fine-grained PAT without its two parts', `GH=github_pat_${mix(82)}`],
    [
      'a cache key shaped like a Mailgun key',
      `const cacheKey = "key-${'5e0b3f9a7c2d81e4'.repeat(2)}";`,
    ],
    ['a curl header of words', 'curl -H "Authorization: Bearer PUT_TOKEN_HERE" https://x'],
    ['a Basic pair of templates', `curl -H "Authorization: Basic ${b64('$USER:$PASS')}" https://x`],
    ['a base64 password that encodes a word', `password: ${b64('secret')}`],
    [
      'a key block holding a sentence',
      '-----BEGIN PRIVATE KEY-----\nput your key here\n-----END PRIVATE KEY-----',
    ],
    ['a ConfigMap value', `kind: ConfigMap\ndata:\n  blob: ${mix(40)}\n`],
    ['an identifier named by a provider', 'HEROKU_APP_ID=3f0c2a9e-8c1d-4b7a-9e2f-1a2b3c4d5e6f'],
    [
      'a key its name declares public',
      `NEXT_PUBLIC_ALGOLIA_SEARCH_KEY=${'5e0b3f9a7c2d81e4'.repeat(2)}`,
    ],
    ['a password hash', `"password": "$argon2id$v=19$m=65536,t=3,p=4$${mix(22)}$${mix(43, 1)}"`],
  ])('ignores %s', async (_what, text) => {
    expect(await detector.detect(text)).toEqual([]);
  });

  it('takes a short word pair for a stand-in password, a long passphrase for a password', async () => {
    expect(await rulesIn('password: "blue-river"')).toEqual([]);
    expect(await rulesIn('password: "glacier-tundra-marmot-quartz"')).toEqual(['generic-password']);
  });

  it('flags a hex value named SECRET_KEY (a digest shape, a secret name)', async () => {
    expect(await rulesIn(`SECRET_KEY = '${'7c2d81e45e0b3f9a'.repeat(2)}a1b2c3d4'`)).toEqual([
      'generic-secret',
    ]);
  });

  it('still finds a base64 password that encodes a random one', async () => {
    expect(await rulesIn(`password: ${b64(`${mix(10)}!${mix(4, 2)}`)}`)).toEqual([
      'generic-password',
    ]);
  });
});

describe('detectSecrets: file-specific formats', () => {
  const tf = 'resource "x" "y" {\n  administrator_login_password = "k7Qz9mW2xR7pL5"\n}\n';
  it('applies a file-specific format in its files and in texts of unknown origin', async () => {
    const noGeneric = createSecretDetector({ generic: false });
    expect((await noGeneric.detect(tf, 'main.tf')).map((m) => m.rule)).toEqual([
      'terraform-password',
    ]);
    expect((await noGeneric.detect(tf)).map((m) => m.rule)).toEqual(['terraform-password']);
    expect(await noGeneric.detect(tf, 'notes.md')).toEqual([]);
  });

  it('takes a typed Terraform password down to the entropy floor of the generic password rule', async () => {
    const noGeneric = createSecretDetector({ generic: false });
    const typed = 'resource "db" "main" {\n  password = "dbadminpass"\n}\n';
    expect((await noGeneric.detect(typed, 'db.tf')).map((m) => m.rule)).toEqual([
      'terraform-password',
    ]);
  });
});

describe('detectSecrets: engines', () => {
  it('leaves secretlint out unless asked (our rules cover its formats)', async () => {
    const text = `x = "ghp_${mix(36)}"`;
    const neither = createSecretDetector({ providers: false, generic: false });
    expect(await neither.detect(text)).toEqual([]);
    const asked = createSecretDetector({ providers: false, generic: false, secretlint: true });
    expect((await asked.detect(text)).map((m) => m.source)).toEqual(['secretlint']);
  });
});

describe('detectSecrets: typed passwords', () => {
  it.each([
    ['a common word with digits', 'curl -u user1:admin123 https://x'],
    ['a passphrase repeating a word', 'password: "marmot-quartz-marmot-quartz"'],
  ])('ignores %s', async (_what, text) => {
    expect(await detector.detect(text)).toEqual([]);
  });
});
