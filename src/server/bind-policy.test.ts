import { describe, expect, it } from 'vitest';
import { ErrorCode, ShipgateError } from '../errors.js';
import { decideAuthPolicy, isLoopback } from './bind-policy.js';

describe('isLoopback', () => {
  it('knows localhost, 127/8 and ::1 in their spellings, and nothing else', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
      '0:0:0:0:0:0:0:1',
    ])
      expect(isLoopback(host), host).toBe(true);
    for (const host of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '128.0.0.1',
      'localhost.example',
      '127.0.0.1.example',
      '',
    ])
      expect(isLoopback(host), host).toBe(false);
  });
});

describe('decideAuthPolicy (deny by default)', () => {
  const none = { created: 0, active: 0 };
  it('is open only on loopback, with no key ever created and auth.required off', () => {
    expect(decideAuthPolicy('127.0.0.1', false, none).keysRequired).toBe(false);
    expect(decideAuthPolicy('127.0.0.1', true, none).keysRequired).toBe(true);
    expect(decideAuthPolicy('localhost', false, { created: 1, active: 1 }).keysRequired).toBe(true);
  });

  it('stays locked after every key is revoked, and says how to get back in', () => {
    const policy = decideAuthPolicy('127.0.0.1', false, { created: 2, active: 0 });
    expect(policy.keysRequired).toBe(true);
    expect(policy.summary).toContain('shipgate keys create');
  });

  it('refuses to bind beyond loopback without an active key (exit 2), requires keys with one', () => {
    for (const keys of [none, { created: 3, active: 0 }]) {
      let error: unknown;
      try {
        decideAuthPolicy('0.0.0.0', false, keys);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ShipgateError);
      expect((error as ShipgateError).code).toBe(ErrorCode.ConfigInvalid);
      expect((error as ShipgateError).message).toContain('--host 127.0.0.1');
    }
    expect(decideAuthPolicy('0.0.0.0', false, { created: 1, active: 1 }).keysRequired).toBe(true);
  });
});
