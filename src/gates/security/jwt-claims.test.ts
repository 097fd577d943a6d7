import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/**
 * `jwt.decode()` of a token of unknown origin is reported when a decision depends on the claims
 * it returns — also when they are held in a variable first — and no `verify` runs beside it.
 */
describe('jwt.decode() claims that feed a decision', () => {
  it('reports claims held in a variable or destructured, then tested', () => {
    const code = lines(
      "const jwt = require('jsonwebtoken');",
      'function isAdmin(token) {',
      '  const claims = jwt.decode(token);',
      '  if (claims.admin) return true;',
      '  return false;',
      '}',
      'function landing(token) {',
      '  const { role } = jwt.decode(token);',
      "  return role === 'admin' ? '/admin' : '/home';",
      '}',
    );
    expect(ruleFindings('insecure-crypto', code)).toEqual(['3:medium', '8:medium']);
  });

  it('does not report claims only logged, or tested after a verify', () => {
    const code = lines(
      "const jwt = require('jsonwebtoken');",
      'function show(token) {',
      '  const claims = jwt.decode(token);',
      '  console.log(claims.sub);',
      '}',
      'function isAdmin(token, key) {',
      '  const claims = jwt.decode(token);',
      '  jwt.verify(token, key);',
      '  if (claims.admin) return true;',
      '}',
    );
    expect(ruleFindings('insecure-crypto', code)).toEqual([]);
  });
});
