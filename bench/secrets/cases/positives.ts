import { keyFactories, pemBody } from './fake-keys.js';
import { moreKeyFactories, moreKeyNames } from './more-keys.js';
import { ALNUM, LOWER, createRng, type Rng } from './random.js';

/** A text with known secrets; `provider` groups the recall report. */
export interface PositiveCase {
  id: string;
  provider: string;
  text: string;
  secrets: string[];
}

type Template = (secret: string, name: string) => string;

/** Realistic places a token ends up: code, config, env files, shell, logs. */
const tokenTemplates: Template[] = [
  (s) =>
    `import { Client } from './client.js';\n\nconst client = new Client({ apiKey: "${s}" });\n`,
  (s, n) => `export const ${n} = '${s}';\n`,
  (s, n) => `# local settings\n${n}=${s}\nLOG_LEVEL=debug\n`,
  (s, n) => `service:\n  name: billing\n  ${n.toLowerCase()}: ${s}\n  retries: 3\n`,
  (s, n) => `{\n  "name": "worker",\n  "${n.toLowerCase()}": "${s}",\n  "region": "eu-west-1"\n}\n`,
  (s) => `client = Client(api_key="${s}", timeout=30)\n`,
  (s) => `curl -s -H "Authorization: Bearer ${s}" https://api.example.org/v1/items\n`,
  (s, n) => `export ${n}="${s}"\nnpm run deploy\n`,
  (s) => `2024-05-01T10:00:00Z INFO connecting with credential ${s} to upstream\n`,
  (s, n) => `Here is the fix:\n\n\`\`\`ts\nprocess.env.${n} ??= \`${s}\`;\n\`\`\`\n`,
  (s, n) => `headers = {"X-Api-Key": "${s}"}  # ${n}\n`,
  (s, n) => `<add key="${n}" value="${s}" />\n`,
  // A tool call's arguments: JSON inside a JSON string, as a request to a model carries it.
  (s, n) =>
    `{"role":"assistant","tool_calls":[{"function":{"arguments":"{\\"${n.toLowerCase()}\\":\\"${s}\\"}"}}]}\n`,
  (s) => `See https://api.example.org/v1/items?token=${s}&page=2 for the list.\n`,
  (s, n) => `| name | value |\n|---|---|\n| ${n} |${s}|\n`,
  (s, n) => `FROM node:20-alpine\nENV ${n}=${s}\nCMD ["node", "server.js"]\n`,
  (s, n) => `<?php\ndefine('${n}', '${s}');\n`,
  (s, n) => `${n.toLowerCase()} = b"${s}"\n`,
  (s, n) => `const ${n} = \`${s}\`\n`,
  (s, n) => `[service]\n${n.toLowerCase()} = "${s}"\ntimeout = 30\n`,
];

const envNames: Record<string, string> = {
  github: 'GITHUB_TOKEN',
  gitlab: 'GITLAB_TOKEN',
  slack: 'SLACK_BOT_TOKEN',
  'stripe-live': 'STRIPE_SECRET_KEY',
  'stripe-test': 'STRIPE_SECRET_KEY',
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  npm: 'NPM_TOKEN',
  sendgrid: 'SENDGRID_API_KEY',
  twilio: 'TWILIO_API_KEY',
  'gcp-api-key': 'GOOGLE_API_KEY',
  'aws-access-key-id': 'AWS_ACCESS_KEY_ID',
  jwt: 'SESSION_JWT',
};

const providerOf: Record<string, string> = {
  'aws-access-key-id': 'aws',
  'gcp-api-key': 'gcp',
  'stripe-live': 'stripe',
  'stripe-test': 'stripe',
};

function tokenCases(rng: Rng, key: string, perProvider: number): PositiveCase[] {
  const factories = keyFactories[key] ?? [];
  return Array.from({ length: perProvider }, (_, i) => {
    const secret = rng.pick(factories)(rng);
    const template = tokenTemplates[i % tokenTemplates.length] ?? tokenTemplates[0]!;
    const text = template(secret, envNames[key] ?? 'API_TOKEN');
    return { id: `${key}-${i}`, provider: providerOf[key] ?? key, text, secrets: [secret] };
  });
}

/** A few cases per further provider, in the same realistic places (grouped as `more-providers`, the id names the provider). */
function moreCases(rng: Rng, perProvider: number): PositiveCase[] {
  return Object.entries(moreKeyFactories).flatMap(([name, factory]) =>
    Array.from({ length: perProvider }, (_, i) => {
      const secret = factory(rng);
      const template = tokenTemplates[rng.int(tokenTemplates.length)] ?? tokenTemplates[0]!;
      const text = template(secret, moreKeyNames[name] ?? 'SERVICE_TOKEN');
      return { id: `more-${name}-${i}`, provider: 'more-providers', text, secrets: [secret] };
    }),
  );
}

const awsSecretTemplates: Template[] = [
  (s) => `[default]\naws_access_key_id = ${'AKIA'}ZL4MBQ2XNKRD7TYP\naws_secret_access_key = ${s}\n`,
  (s) => `AWS_SECRET_ACCESS_KEY=${s}\n`,
  (s) =>
    `const s3 = new S3Client({ credentials: { accessKeyId: id, secretAccessKey: "${s}" } });\n`,
  (s) => `export AWS_SECRET_ACCESS_KEY="${s}"\n`,
  (s) => `aws:\n  secret_access_key: ${s}\n`,
];

const azureTemplates: Template[] = [
  (s) =>
    `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acme${'store'};AccountKey=${s};EndpointSuffix=core.windows.net"\n`,
  (s) => `const conn = 'DefaultEndpointsProtocol=https;AccountName=logs;AccountKey=${s}';\n`,
  (s) => `AZURE_STORAGE_KEY=${s}\n`,
];

function secretCases(rng: Rng, key: string, templates: Template[], provider: string, n: number) {
  const factory = keyFactories[key]?.[0];
  if (!factory) return [];
  return Array.from({ length: n }, (_, i): PositiveCase => {
    const secret = factory(rng);
    const text = (templates[i % templates.length] ?? templates[0]!)(secret, '');
    return { id: `${key}-${i}`, provider, text, secrets: [secret] };
  });
}

function serviceAccountCases(rng: Rng, n: number): PositiveCase[] {
  return Array.from({ length: n }, (_, i) => {
    const key = `-----BEGIN PRIVATE KEY-----\\n${pemBody(rng, 6, true)}\\n-----END PRIVATE KEY-----\\n`;
    const text = `{\n  "type": "service_account",\n  "project_id": "demo-${rng.chars(LOWER, 6)}",\n  "private_key": "${key}",\n  "client_email": "ci@demo.iam.gserviceaccount.com"\n}\n`;
    return { id: `gcp-sa-${i}`, provider: 'gcp', text, secrets: [key.replace(/\\n$/, '')] };
  });
}

const connectionTemplates: Array<(pw: string, rng: Rng) => string> = [
  (pw) => `DATABASE_URL=postgres://app:${pw}@db.internal:5432/app\n`,
  (pw) =>
    `const uri = "mongodb+srv://admin:${pw}@cluster0.ab1cd.mongodb.net/prod?retryWrites=true";\n`,
  (pw) => `SQLALCHEMY_DATABASE_URI = 'mysql://reporting:${pw}@10.0.0.12:3306/reports'\n`,
  (pw) => `REDIS_URL=redis://:${pw}@cache.internal:6379/0\n`,
  (pw) => `broker_url: amqp://worker:${pw}@rabbitmq:5672/vhost\n`,
  (pw) =>
    `spring.datasource.url=jdbc:postgresql://db:5432/app\n# psql postgresql://ops:${pw}@db:5432/app\n`,
  (pw) =>
    `"DefaultConnection": "Server=tcp:sql.internal,1433;Database=app;User ID=app;Password=${pw};Encrypt=True;"\n`,
  (pw) => `dsn := "host=db port=5432 user=app password=${pw} dbname=app sslmode=require"\n`,
];

/** A value as a shell word: quoted when it holds a character the shell would act on. */
const shellWord = (s: string): string => (/[^\w@%+=:,./-]/.test(s) ? `'${s}'` : s);

const passwordTemplates: Template[] = [
  (s) => `db:\n  user: app\n  password: "${s}"\n`,
  (s) => `DB_PASSWORD=${s}\n`,
  (s) => `FROM node:20\nENV DB_PASSWORD=${s}\n`,
  (s) => `CREATE USER 'app'@'%' IDENTIFIED BY '${s.replace(/'/g, "''")}';\n`,
  (s) => `SMTP_PASS=${shellWord(s)}\n`,
  (s) => `docker login -u ci -p ${shellWord(s)} registry.example.com\n`,
  (s) => `mysql -h db -u root -p${shellWord(s)} shop < backup.sql\n`,
  (s) => `{"username": "svc", "password": "${s}"}\n`,
  (s) => `spring.datasource.password=${s}\n`,
  (s) => `$password = '${s}';\n`,
  (s) => `conn = psycopg2.connect(host="db", user="app", password="${s}")\n`,
  (s) => `const adminPassword = "${s}";\n`,
  (s) => `mysql -h db -u app --password=${shellWord(s)} app < dump.sql\n`,
  (s) => `<server>\n  <id>releases</id>\n  <password>${s}</password>\n</server>\n`,
  (s) => `{"arguments": "{\\"db_password\\": \\"${s}\\"}"}\n`,
  (s) => `env:\n  - name: DB_PASSWORD\n    value: "${s}"\n`,
  (s) => `machine git.example.org\n  login ci\n  password ${s}\n`,
];

const genericTemplates: Template[] = [
  (s) => `client_secret: ${s}\n`,
  (s) => `API_KEY=${s}\n`,
  (s) => `const apiSecret = "${s}";\n`,
  (s) => `auth_token = "${s}"\n`,
  (s) => `"clientSecret": "${s}",\n`,
  (s) => `SECRET_KEY = '${s}'\n`,
  (s) => `deploy --api-key "${s}" --region eu-west-1\n`,
  (s) => `<add key="ClientSecret" value="${s}" />\n`,
  (s) => `//npm.example.org/:_authToken=${s}\n`,
  (s) => `{"name": "API_TOKEN", "value": "${s}"}\n`,
  (s) => `curl "https://api.example.com/v1/report?format=csv&api_key=${s}"\n`,
  (s) => `app.config["SECRET_KEY"] = "${s}"\n`,
];

function templated(rng: Rng, key: string, templates: Template[], provider: string, n: number) {
  return secretCases(rng, key, templates, provider, n).map((c, i) => ({
    ...c,
    id: `${provider}-${i}`,
  }));
}

/** All positive cases, deterministic for a seed. */
export function positiveCases(seed = 20240501, perProvider = 24): PositiveCase[] {
  const rng = createRng(seed);
  const tokenKeys = [
    'aws-access-key-id',
    'gcp-api-key',
    'github',
    'gitlab',
    'slack',
    'stripe-live',
    'stripe-test',
    'openai',
    'anthropic',
    'npm',
    'sendgrid',
    'twilio',
    'jwt',
  ];
  const cases = tokenKeys.flatMap((key) => tokenCases(rng, key, perProvider));
  cases.push(...secretCases(rng, 'aws-secret-access-key', awsSecretTemplates, 'aws', perProvider));
  cases.push(...secretCases(rng, 'azure-storage-key', azureTemplates, 'azure', perProvider));
  cases.push(...serviceAccountCases(rng, perProvider / 2));
  cases.push(
    ...secretCases(
      rng,
      'private-key',
      [(s) => `${s}\n`, (s) => `key = """${s}"""\n`],
      'private-key',
      perProvider,
    ),
  );
  cases.push(
    ...connectionTemplates.flatMap((t, k) =>
      Array.from({ length: Math.ceil(perProvider / connectionTemplates.length) }, (_, i) => {
        const pw = rng.chars(ALNUM, 10 + rng.int(14));
        return {
          id: `connection-${k}-${i}`,
          provider: 'connection-string',
          text: t(pw, rng),
          secrets: [pw],
        };
      }),
    ),
  );
  cases.push(...templated(rng, 'password', passwordTemplates, 'generic-password', perProvider));
  cases.push(...templated(rng, 'generic-token', genericTemplates, 'generic-secret', perProvider));
  cases.push(...moreCases(rng, perProvider / 4));
  return cases;
}
