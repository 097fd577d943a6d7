import { describe, expect, it } from 'vitest';
import { scanGenericAssignments } from './generic-assignments.js';

// Shapes met in the text of installed Python and npm packages (SDK data, docs, signatures):
// each names a secret word without holding a secret.
const value = 'aZ3kQ9mW2xR7pL5vB8nT4hY6';
const found = (text: string): string[] => scanGenericAssignments(text).map((m) => m.secret);

describe('names with a secret word that hold no credential', () => {
  it.each([
    ['an idempotency token', `"ClientToken": "${value}"`],
    ['a client request token', `"ClientRequestToken": "${value}"`],
    ['a pagination token', `--starting-token ${value}`],
    ['a concurrency token', `"ChangeToken": "${value}"`],
    ['a lock token', `"LockToken":"${value}"`],
    ['a verification record', `"VerificationToken": "${value}"`],
    ['a type path', `"AWS::SecretsManager::Secret": "c85175a4ebcce361"`],
    ['a credential source', 'credential_source=Ec2InstanceMetadata'],
  ])('takes %s for no secret', (_what, text) => {
    expect(found(text)).toEqual([]);
  });

  it('still finds a token a name does not explain away', () => {
    expect(found(`"AccessToken": "${value}"`)).toEqual([value]);
    expect(found(`"SessionToken": "${value}"`)).toEqual([value]);
  });
});

describe('values that are not secrets whatever the name', () => {
  it.each([
    ['a timestamp', '"PasswordLastUsed": "2016-09-08T21:47:36Z"'],
    ['a type in a signature', '        password: bytes,'],
    ['a property path with an index', '"output_token": "Jobs[-1].JobId"'],
    ['a field name', "ACCESS_KEY = 'AWSAccessKeyId'"],
    ['password misspelled', '"Password": "pasword"'],
    ['an attribute set from a name', '        self._passphrase_userdata = userdata'],
  ])('takes %s for no secret', (_what, text) => {
    expect(found(text)).toEqual([]);
  });

  it('still finds a literal set on an attribute', () => {
    expect(found(`        self.password = '${value}'`)).toEqual([value]);
  });
});
