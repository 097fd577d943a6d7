import { describe, expect, it } from 'vitest';
import { accepts, namesIdentifier, tokenBody } from './accept.js';
import { named, unique } from './rule-kit.js';

const pool = 'aZ3kQ9mW2xR7pL5vB8nT4hY6cJ1fD0gSuE';
const mix = (n: number, offset = 0): string =>
  Array.from({ length: n }, (_, i) => pool[(i * 7 + offset) % pool.length]).join('');

const token = unique('demo-token', ['dmo_'], 'dmo_[A-Za-z0-9]{30}', { entropy: 3 });
const fixed = unique('demo-fixed', ['fix-key-1'], 'FIX-KEY-1[A-Z0-9]{30}');
const service = named('demo-service', ['demosvc'], 'demosvc', '[a-f0-9]{32}');

describe('tokenBody', () => {
  it('strips the literal prefix the rule is keyed on', () => {
    expect(tokenBody(token, `dmo_${mix(30)}`)).toBe(mix(30));
    expect(tokenBody(service, 'ab12'.repeat(8))).toBe('ab12'.repeat(8));
  });

  it('leaves out the numeric id fields a structured token opens with', () => {
    const slack = unique('demo-slack', ['xoxb-'], 'xoxb-[0-9-]+[A-Za-z0-9]+');
    expect(tokenBody(slack, `xoxb-123456789012-987654-${mix(24)}`)).toBe(mix(24));
    expect(tokenBody(token, `dmo_${mix(30)}`)).toBe(mix(30));
    expect(tokenBody(slack, 'xoxb-123456789012')).toBe('123456789012');
  });
});

describe('accepts', () => {
  it('accepts a random body and rejects one a person typed', () => {
    expect(accepts(token, `dmo_${mix(30)}`, '', 0)).toBe(true);
    expect(accepts(token, `dmo_${'Q'.repeat(30)}`, '', 0)).toBe(false);
    expect(accepts(token, 'dmo_your_demo_token_goes_right_here', '', 0)).toBe(false);
  });

  it('trusts a long literal prefix without an entropy floor', () => {
    expect(accepts(fixed, `FIX-KEY-1${'Q'.repeat(30)}`, '', 0)).toBe(true);
  });

  it('rejects a named value whose name says it is an identifier', () => {
    const hex = '9f86d081884c7d659a2feaa0c55ad015';
    expect(accepts(service, hex, '', 0, 'DEMOSVC_API_KEY')).toBe(true);
    expect(accepts(service, hex, '', 0, 'demosvc_project_id')).toBe(false);
  });
});

describe('namesIdentifier', () => {
  it.each(['HEROKU_APP_ID', 'sentryRelease', 'sourcegraph.commit', 'hubspot-portal-uuid'])(
    'reads %s as an identifier',
    (key) => {
      expect(namesIdentifier(key)).toBe(true);
    },
  );
  it.each(['HEROKU_API_KEY', 'sentryAuthToken', 'twilio_secret', 'idle_token'])(
    'reads %s as a secret',
    (key) => {
      expect(namesIdentifier(key)).toBe(false);
    },
  );
});

describe('declared public keys', () => {
  it('rejects a named value whose full name says it is public', () => {
    const hex = '9f86d081884c7d659a2feaa0c55ad015';
    expect(accepts(service, hex, '', 0, 'NEXT_PUBLIC_DEMOSVC_KEY')).toBe(false);
    expect(accepts(service, hex, '', 0, 'demosvcPublishableKey')).toBe(false);
    expect(accepts(service, hex, '', 0, 'DEMOSVC_REPUBLISH_KEY')).toBe(true);
  });
});
