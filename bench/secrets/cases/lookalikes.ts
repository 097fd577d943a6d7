import { ALNUM, BASE64, BASE64URL, DIGITS, HEX, LOWER, createRng, type Rng } from './random.js';

/** A text with no secret that a naive scanner might flag; `kind` groups the report. */
export interface NegativeCase {
  id: string;
  kind: string;
  text: string;
}

function uuid(rng: Rng): string {
  const h = (n: number) => rng.chars(HEX, n);
  return `${h(8)}-${h(4)}-4${h(3)}-${rng.pick(['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
}

type Generator = (rng: Rng) => string;

const vocabulary = [
  'your',
  'token',
  'here',
  'secret',
  'value',
  'replace',
  'with',
  'real',
  'access',
  'key',
];

/** Two to four words joined by `sep`: what people type in place of a key. */
function words(rng: Rng, sep: string): string {
  return Array.from({ length: 2 + rng.int(3) }, () => rng.pick(vocabulary)).join(sep);
}

/** A camelCase identifier of about `length` letters (`getReplaceValueWithToken…`). */
function camel(rng: Rng, length: number): string {
  let out = rng.pick(['get', 'set', 'load', 'find']);
  while (out.length < length) {
    const w = rng.pick(vocabulary);
    out += w[0]!.toUpperCase() + w.slice(1);
  }
  return out.slice(0, length);
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

const generators: Record<string, Generator[]> = {
  uuid: [
    (r) => `const requestId = "${uuid(r)}";\n`,
    (r) => `id: ${uuid(r)}\nname: invoice\n`,
    (r) => `{"tenantId": "${uuid(r)}", "orderId": "${uuid(r)}"}\n`,
    (r) => `INSERT INTO users (id) VALUES ('${uuid(r)}');\n`,
  ],
  'git-sha': [
    (r) => `commit ${r.chars(HEX, 40)}\nAuthor: Dev <dev@example.org>\n`,
    (r) => `"sha": "${r.chars(HEX, 40)}",\n`,
    (r) => `uses: actions/checkout@${r.chars(HEX, 40)} # v4\n`,
    (r) => `Fixed in ${r.chars(HEX, 7)} and ${r.chars(HEX, 12)}.\n`,
  ],
  sha256: [
    (r) => `FROM node:20-alpine@sha256:${r.chars(HEX, 64)}\n`,
    (r) => `${r.chars(HEX, 64)}  shipgate-linux-x64.tar.gz\n`,
    (r) => `"integrity": "sha512-${r.chars(BASE64, 86)}==",\n`,
    (r) => `checksum = "${r.chars(HEX, 64)}"\n`,
    (r) => `const digest = '${r.chars(HEX, 64)}';\n`,
  ],
  'base64-blob': [
    (r) => `<img src="data:image/png;base64,iVBORw0KGgo${r.chars(BASE64, 400)}=" />\n`,
    (r) => `background: url(data:image/svg+xml;base64,PHN2Zy${r.chars(BASE64, 200)});\n`,
    (r) => `const font = "d09GRgABAAAAA${r.chars(BASE64, 300)}";\n`,
    (r) => `    ${r.chars(BASE64, 76)}\n    ${r.chars(BASE64, 76)}\n`,
  ],
  placeholder: [
    () => `OPENAI_API_KEY=your-api-key\n`,
    () => `password: changeme\n`,
    () => `GITHUB_TOKEN=<YOUR_GITHUB_TOKEN>\n`,
    () => `const client = new Client({ apiKey: process.env.API_KEY });\n`,
    () => `DB_PASSWORD=\${DB_PASSWORD}\n`,
    () => `secret: "****************"\n`,
    () => `token: \${{ secrets.GITHUB_TOKEN }}\n`,
    () => `api_key = "xxxxxxxxxxxxxxxxxxxxxxxx"\n`,
    () => `STRIPE_SECRET_KEY=sk_live_...\n`,
    () => `password = os.environ["DB_PASSWORD"]\n`,
    () => `DATABASE_URL=postgres://user:password@localhost:5432/mydb\n`,
    () => `client_secret: "<client-secret>"\n`,
    () => `apiKey: 'YOUR_API_KEY_HERE',\n`,
    () => `password: "dummy-password-for-tests"\n`,
    () => `token = "[REDACTED:github-token:1]"\n`,
  ],
  'documented-example': [
    () => `aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n`,
    () => `aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`,
    () =>
      `Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\n`,
    () =>
      `-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE${'A'.repeat(8)}\n-----END PUBLIC KEY-----\n`,
  ],
  'code-reference': [
    () => `const token = await getToken(session);\n`,
    () => `interface Config { password: string; apiKey?: string }\n`,
    () => `if (!apiKey) throw new Error('apiKey is required');\n`,
    () => `max_tokens: 4096\ntemperature: 0.2\n`,
    () => `password_hash = bcrypt.hashpw(password.encode(), salt)\n`,
    () => `const secretName = 'prod/db/credentials';\n`,
    () => `token_url: https://auth.example.com/oauth/token\n`,
    () => `self.api_key = api_key\n`,
    () => `TOKEN_EXPIRY_SECONDS=3600\n`,
    () => `DATABASE_URL=postgres://localhost:5432/app\nREDIS_URL=redis://cache:6379\n`,
    () => `const publishable = "pk_live_51HQa2LmN8bT4rY7vW9zK3pD6fG1hJ5sE0cU";\n`,
  ],
  'random-identifier': [
    (r) => `<script src="/assets/main.${r.chars(HEX, 8)}.js"></script>\n`,
    (r) => `.css-${r.chars(LOWER, 6)} { color: #${r.chars(HEX, 6)}; }\n`,
    (r) => `const cacheKey = \`\${userId}:${r.chars(ALNUM, 12)}\`;\n`,
    (r) => `https://cdn.example.com/u/${r.chars(BASE64URL, 22)}/avatar.png\n`,
    (r) => `etag: "W/${r.chars(HEX, 32)}"\n`,
  ],
  // Provider prefixes followed by what people type instead of a key.
  'token-stand-in': [
    (r) => `GITHUB_TOKEN=ghp_${words(r, '_')}\n`,
    (r) => `token: glpat-${words(r, '_')}\n`,
    (r) => `OPENAI_API_KEY="sk-proj-${words(r, '-')}${words(r, '-')}"\n`,
    (r) => `key = AKIA${r.pick(['A', 'Q', 'Z'])!.repeat(16)}\n`,
    (r) => `WEBHOOK_SECRET=whsec_${r.pick(['a', '0', 'x'])!.repeat(32)}\n`,
    (r) => `DO_TOKEN=dop_v1_${r.pick(['0', 'f'])!.repeat(64)}\n`,
    (r) => `"${words(r, '')}": "hf_${camel(r, 34)}"\n`,
  ],
  'credential-stand-in': [
    (r) =>
      `curl -H "Authorization: Bearer ${words(r, '_').toUpperCase()}" https://api.example.org\n`,
    (r) =>
      `curl -H "Authorization: Basic ${b64(`$${words(r, '_').toUpperCase()}:$${words(r, '_').toUpperCase()}`)}" https://x.example\n`,
    (r) => `curl -u "${words(r, '')}:${words(r, '_')}" https://x.example\n`,
    (r) => `DATABASE_URL=postgres://app:$(cat /run/${words(r, '-')})@db:5432/app\n`,
    (r) => `mongodb://admin:${words(r, '_')}@localhost:27017\n`,
    (r) => `const secret = "${words(r, '_').toUpperCase()}";\n`,
    (r) => `CONFLUENCE_TOKEN=${camel(r, 40)}\n`,
    (r) => `system("curl -u '#{${words(r, '_')}}:#{${words(r, '_')}}' #{url}")\n`,
    () => `curl -u admin:p@ssw0rd http://localhost:9200\n`,
    (r) =>
      `curl -H "Authorization: AWS4-HMAC-SHA256 Credential=$KEY/${r.chars(DIGITS, 8)}/eu-west-1/s3/aws4_request" https://s3.example\n`,
    (r) => `cli login --password "$${words(r, '_').toUpperCase()}"\n`,
    (r) =>
      `  --api-key ${words(r, '-').toUpperCase()}   key for the ${r.pick(['billing', 'search'])} API\n`,
    (r) => `<password>\${${words(r, '.')}}</password>\n`,
    (r) => `{"arguments": "{\\"password\\": \\"${words(r, '_')}\\"}"}\n`,
    (r) => `<add key="ApiKey" value="{{ ${words(r, '_')} }}" />\n`,
    (r) => `API_SECRET="${r.chars(ALNUM, 6).repeat(4)}"\n`,
  ],
  'key-block-stand-in': [
    (r) => `-----BEGIN PRIVATE KEY-----\n${words(r, ' ')}\n-----END PRIVATE KEY-----\n`,
    (r) =>
      `-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(64 + r.int(64))}\n-----END RSA PRIVATE KEY-----\n`,
    (r) => `jwt: ey${r.chars(ALNUM, 30)}.ey${r.chars(ALNUM, 40)}.${r.chars(ALNUM, 43)}\n`,
  ],
  'manifest-not-secret': [
    (r) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  settings: ${r.chars(BASE64, 32)}\n`,
    (r) =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ${b64(words(r, '-'))}\n`,
    (r) =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ${b64(r.chars(LOWER, 3))}\n`,
    (r) => `{"apiVersion":"v1","kind":"ConfigMap","data":{"settings":"${r.chars(BASE64, 32)}"}}\n`,
    (r) => `{"kind": "Secret", "data": {"password": "${b64(words(r, '-'))}"}}\n`,
  ],
  'config-reference': [
    (r) => `password = var.${words(r, '_')}\n`,
    (r) => `env:\n  API_TOKEN: \${{ secrets.${words(r, '_').toUpperCase()} }}\n`,
    (r) => `spring.datasource.password=\${${words(r, '.')}}\n`,
    (r) => `secret_key = settings.${words(r, '_').toUpperCase()}\n`,
    (r) => `token: "{{ lookup('env', '${words(r, '_').toUpperCase()}') }}"\n`,
    (r) => `password: <%= ENV["${words(r, '_').toUpperCase()}"] %>\n`,
    (r) => `valueFrom:\n  secretKeyRef:\n    name: ${words(r, '-')}\n    key: password\n`,
    (r) => `Password: !Sub "{{resolve:secretsmanager:${camel(r, 12)}:SecretString:password}}"\n`,
    (r) => `String password = System.getenv("${words(r, '_').toUpperCase()}");\n`,
    (r) => `password := os.Getenv("${words(r, '_').toUpperCase()}")\n`,
    (r) => `ARG ${words(r, '_').toUpperCase()}_TOKEN\n`,
    (r) => `docker login -u ci -p "$${words(r, '_').toUpperCase()}" registry.example.com\n`,
    (r) => `Server=db;User ID=sa;Password={${camel(r, 10)}};\n`,
    (r) => `ds.setPassword(${camel(r, 12)});\n`,
  ],
  'yaml-tag-or-emulator': [
    (r) =>
      `${words(r, '_')}_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  ${r.chars(HEX, 80)}\n`,
    (r) => `password: !env_var ${words(r, '_').toUpperCase()}\n`,
    (r) => `MasterUserPassword: !Ref ${camel(r, 14)}\n`,
    (r) =>
      `AZURE_STORAGE=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${r.chars(BASE64, 86)}==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;\n`,
  ],
  'public-or-hashed': [
    (r) => `NEXT_PUBLIC_ALGOLIA_SEARCH_KEY=${r.chars(HEX, 32)}\n`,
    (r) => `MAPBOX_PUBLIC_TOKEN=pk.${r.chars(BASE64URL, 60)}\n`,
    (r) =>
      `"password": "$argon2id$v=19$m=65536,t=3,p=4$${r.chars(BASE64, 22)}$${r.chars(BASE64, 43)}"\n`,
    (r) => `admin_password: "$2b$12$${r.chars(ALNUM, 53)}"\n`,
  ],
  'named-identifier': [
    (r) => `const cacheKey = "key-${r.chars(HEX, 32)}";\n`,
    (r) => `HEROKU_APP_ID=${uuid(r)}\n`,
    (r) => `sentry_release: ${r.chars(HEX, 64)}\n`,
    (r) => `"hubspotPortalUuid": "${uuid(r)}"\n`,
  ],
  // Names ending in `key` that index, order, label or point at a key rather than hold one.
  'key-named-not-secret': [
    (r) =>
      `"encryptionKey": "arn:aws:kms:us-east-1:${r.chars('0123456789', 12)}:key/${uuid(r)}",\n`,
    (r) => `"result_key": "${camel(r, 18)[0]!.toUpperCase()}${camel(r, 18).slice(1)}V2"\n`,
    (r) => `partition_key = "${uuid(r)}"\n`,
    (r) => `idempotencyKey: "${r.chars(HEX, 32)}",\n`,
    (r) => `sortKey: "ORDER#${r.chars('0123456789', 14)}"\n`,
    (r) => `const i18nKey = 'errors.${words(r, '.')}';\n`,
    (r) => `recaptcha_site_key = "6L${r.chars(ALNUM, 38)}"\n`,
    (r) => `per_key_limit = ${r.int(9000)}.0/first_set_max_id\n`,
    (r) => `"publicKey": "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE${r.chars(ALNUM, 86)}"\n`,
    (r) => `gpg_key = "${r.chars(HEX.toUpperCase(), 40)}"\n`,
  ],
  lorem: [
    () => `Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n`,
    () => `The secret to good tests is a clear arrange-act-assert structure.\n`,
    () => `Tokens are counted per request; the password policy requires 12 characters.\n`,
  ],
};

/** All look-alike cases, deterministic for a seed; random generators run `rounds` times (fixed ones once). */
export function negativeCases(seed = 7, rounds = 4): NegativeCase[] {
  const rng = createRng(seed);
  const seen = new Set<string>();
  return Object.entries(generators)
    .flatMap(([kind, list]) =>
      list.flatMap((generate, g) =>
        Array.from({ length: rounds }, (_, i) => ({
          id: `${kind}-${g}-${i}`,
          kind,
          text: generate(rng),
        })),
      ),
    )
    .filter((c) => !seen.has(c.text) && Boolean(seen.add(c.text)));
}
