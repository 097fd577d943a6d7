import { describe, expect, it } from 'vitest';
import { scanGenericAssignments } from './generic-assignments.js';

const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
const mix = (n: number, offset = 0): string =>
  Array.from({ length: n }, (_, i) => pool[(i * 7 + offset) % pool.length]).join('');
const password = mix(16);

const found = (text: string): string[] => scanGenericAssignments(text).map((m) => m.secret);

describe('named values inside escaped JSON', () => {
  it.each([
    ['JSON inside a JSON string', `"{\\"password\\":\\"${password}\\"}"`],
    ['a space after the colon', `{"arguments": "{\\"db_password\\": \\"${password}\\"}"}`],
  ])('finds the value in %s', (_what, text) => {
    expect(found(text)).toEqual([password]);
  });

  it('still takes an escaped stand-in for a stand-in', () => {
    expect(found(`"{\\"password\\":\\"\${DB_PASSWORD}\\"}"`)).toEqual([]);
    expect(found(`"{\\"password\\":\\"changeme\\"}"`)).toEqual([]);
  });
});

describe('names and values that are not assignments', () => {
  it.each([
    ['a long option with =', `mysql --user=app --password=${password} -h db`],
    ['a long option and its value', `docker login --username ci --password ${password} ghcr.io`],
    ['a prefixed option, quoted', `deploy --github-token "${password}"`],
    ['a Java system property', `mvn deploy -Djavax.net.ssl.keyStorePassword=${password} -B`],
    ['an XML element', `<server>\n  <password>${password}</password>\n</server>`],
    ['an XML key/value pair', `<add key="StorageApiKey" value="${password}" />`],
    ['a container env entry', `env:\n  - name: DB_PASSWORD\n    value: "${password}"\n`],
    ['a task definition pair', `{"name": "API_TOKEN", "value": "${password}"}`],
    ['a .netrc entry', `machine api.example.org\n  login deploy\n  password ${password}\n`],
    ['an .npmrc registry token', `//npm.example.org/:_authToken=${password}\n`],
    ['a property name and value', `<property name="db.password" value="${password}"/>`],
  ])('finds the value in %s', (_what, text) => {
    expect(found(text)).toEqual([password]);
  });

  it.each([
    ['an option with a slot', 'cli login --password <password>'],
    ['an option with a variable', 'cli login --token "$GITHUB_TOKEN"'],
    ['an option naming a file', 'docker login --password-file /run/secrets/registry'],
    ['an option followed by another', 'cli login --password --verbose'],
    ['help text', '  --token string   API token used to authenticate'],
    ['an option with a stand-in', 'cli --api-key YOUR_API_KEY_HERE'],
    ['a system property naming a file', '-Dkeystore.password.file=/run/secrets/ks'],
    ['a system property with a reference', '-Dpassword=${env.KEYSTORE_PASSWORD}'],
    ['an element with a property reference', '<password>${env.DB_PASSWORD}</password>'],
    ['an element with a placeholder', '<password>changeme</password>'],
    ['an env entry from a secret', 'env:\n  - name: DB_PASSWORD\n    value: "${{ secrets.DB }}"\n'],
    ['an env entry naming a file', '- name: DB_PASSWORD_FILE\n  value: /run/secrets/db\n'],
    ['a .netrc entry with a variable', 'machine api.example.org login ci password $NETRC_PASSWORD'],
    ['an .npmrc token from the environment', '//npm.example.org/:_authToken=${NPM_TOKEN}\n'],
    ['a pair with a template', '<add key="ApiKey" value="{{ api_key }}" />'],
    ['a repeated unit', 'API_KEY="k7Qz3fk7Qz3fk7Qz3fk7Qz3f"'],
    ['blocks of runs', 'api_secret: aaaa1111bbbb2222cccc3333'],
  ])('ignores %s', (_what, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('YAML tags', () => {
  it('takes a tag for what it is, not for the value', () => {
    const vault = `db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  ${'6231336539'.repeat(8)}\n`;
    expect(found(vault)).toEqual([]);
    expect(found('password: !env_var DB_PASSWORD')).toEqual([]);
    expect(found('MasterUserPassword: !Ref DbPassword')).toEqual([]);
  });

  it('still finds a value that starts with ! where it is no tag', () => {
    expect(found(`DB_PASSWORD=!${password}`)).toEqual([`!${password}`]);
    expect(found(`password: "!${password}"`)).toEqual([`!${password}`]);
  });
});

describe('more places a named value is written', () => {
  it.each([
    ['a URL query parameter', `https://api.example.com/v1/items?page=2&api_key=${password}`],
    ['SQL IDENTIFIED BY', `CREATE USER 'app'@'%' IDENTIFIED BY '${password}';`],
    ['SQL WITH PASSWORD', `ALTER ROLE app WITH PASSWORD '${password}';`],
    ['a name ending in _pass', `SMTP_PASS=${password}`],
    ['a name ending in _pw', `ldap_bind_pw = "${password}"`],
    ['a key in brackets', `app.config["SECRET_KEY"] = "${password}"`],
    ['a lower-case token scheme', `Authorization: token ${password}`],
    ['a Python bytes literal', `aws_secret_access_key = b"${password}"`],
    ['a Java XML properties entry', `<entry key="db.password">${password}</entry>`],
  ])('finds the value in %s', (_what, text) => {
    expect(found(text)).toEqual([password]);
  });

  it('finds a hex key in a URL; a UUID there is an id', () => {
    const hex = '5300ad15b9f6def177f29fc7dad93168';
    expect(found(`https://api.example.com/v1/items?api_key=${hex}`)).toEqual([hex]);
  });

  it.each([
    ['a test verdict named pass', `"pass": "${password}"`],
    ['pass inside a word', `bypass = "${password}"`],
    ['prose in another script', '"db_password": "パスワードを入力してください"'],
    [
      'an id in a URL',
      'https://example.com/o/file.png?alt=media&token=29feb550-f0bc-467d-a290-f700701d7d15',
    ],
    ['a CSRF token', `<a href="/logout?csrf_token=${password}">`],
    ['a pagination token', `GET /v1/items?page_token=${password}`],
  ])('takes %s for no secret', (_what, text) => {
    expect(found(text)).toEqual([]);
  });
});
