import { describe, expect, it } from 'vitest';
import { createSecretDetector } from './detect.js';

// Fake keys are assembled at run time so no real-format credential sits in the repository.
const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE+/';
const mix = (n: number, offset = 0): string =>
  Array.from({ length: n }, (_, i) => pool[(i * 7 + offset) % pool.length]).join('');
const base32 = (n: number): string =>
  Array.from({ length: n }, (_, i) => 'abcdefghijklmnopqrstuvwxyz234567'[(i * 13 + 5) % 32]).join(
    '',
  );

const detector = createSecretDetector();
const rulesIn = async (text: string): Promise<string[]> =>
  (await detector.detect(text)).map((m) => m.rule);

describe('Azure credential formats', () => {
  it.each([
    ['azure-cosmos-key', `COSMOS_DB_KEY=${mix(86)}==`],
    [
      'azure-shared-access-key',
      `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${mix(42)}A=`,
    ],
    [
      'azure-function-key',
      `POST https://app.azurewebsites.net/api/Ingest?code=${mix(54).replace(/[+/]/g, '_')}==`,
    ],
    ['azure-devops-pat', `AZURE_DEVOPS_PAT=${base32(52)}`],
    ['azure-devops-pat', `ado_token: "${base32(52)}"`],
    ['azure-ad-client-secret', `| AZURE_CLIENT_SECRET |Ab38Q~${mix(34).replace(/[+/]/g, '.')}|`],
  ])('finds %s', async (rule, text) => {
    expect(await rulesIn(text)).toEqual([rule]);
  });

  it.each([
    [
      'a key slot',
      'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=<key>',
    ],
    ['a function key slot', 'https://app.azurewebsites.net/api/Fn?code=<function-key>'],
  ])('takes %s for no secret', async (_what, text) => {
    expect(await rulesIn(text)).toEqual([]);
  });

  it('leaves base32 under a name that only ends like "ado" to the generic rule', async () => {
    expect(await rulesIn(`tornado_token = "${base32(52)}"`)).not.toContain('azure-devops-pat');
  });
});

describe('more key and connection formats', () => {
  it('finds the private lines of a PuTTY key file', async () => {
    const ppk = [
      'PuTTY-User-Key-File-3: ssh-ed25519',
      'Encryption: none',
      'Comment: deploy',
      'Public-Lines: 2',
      `AAAAC3NzaC1lZDI1NTE5AAAAI${mix(40)}`,
      mix(20),
      'Private-Lines: 1',
      `AAAAI${mix(39, 3)}=`,
      `Private-MAC: ${'9f3a'.repeat(16)}`,
    ].join('\n');
    expect(await rulesIn(ppk)).toEqual(['private-key']);
  });

  it("finds the password of Oracle's thin-driver URL, not a template", async () => {
    expect(
      await rulesIn(`jdbc:oracle:thin:scott/${mix(14).replace(/[+/]/g, 'x')}@db:1521/ORCL`),
    ).toEqual(['connection-string-password']);
    expect(await rulesIn('jdbc:oracle:thin:scott/${DB_PASS}@db:1521/ORCL')).toEqual([]);
    expect(await rulesIn('jdbc:oracle:thin:@db:1521/ORCL')).toEqual([]);
  });

  it("finds TestPyPI's tokens", async () => {
    expect(await rulesIn(`pypi-AgENdGVzdC5weXBpLm9yZw${mix(60).replace(/[+/]/g, '-')}`)).toEqual([
      'pypi-token',
    ]);
  });
});
