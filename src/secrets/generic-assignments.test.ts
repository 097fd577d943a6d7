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
