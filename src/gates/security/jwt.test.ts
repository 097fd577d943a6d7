import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

const JWT = "const jwt = require('jsonwebtoken');\nconst fs = require('fs');\n";
const cwes = (code: string): string[] => analyzeSource('auth.js', code).map((f) => f.cwe);

describe('jwt.verify algorithms', () => {
  it('reports a public key verified without algorithms (algorithm confusion)', () => {
    const code = `${JWT}const publicKey = fs.readFileSync('keys/jwt.pub');\nfunction check(t) {\n  return jwt.verify(t, publicKey);\n}`;
    expect(cwes(code)).toContain('CWE-347');
  });

  it('reports options without algorithms and a callback-only call', () => {
    const a = `${JWT}function check(t, cert) {\n  return jwt.verify(t, cert, { issuer: 'me' });\n}`;
    const b = `${JWT}function check(t, cert, cb) {\n  jwt.verify(t, cert, (err, claims) => cb(claims));\n}`;
    expect(cwes(a)).toContain('CWE-347');
    expect(cwes(b)).toContain('CWE-347');
  });

  it('accepts pinned algorithms, a shared secret, and options built elsewhere', () => {
    const pinned = `${JWT}function check(t, publicKey) {\n  return jwt.verify(t, publicKey, { algorithms: ['RS256'] });\n}`;
    const secret = `${JWT}function check(t, secret) {\n  return jwt.verify(t, secret);\n}`;
    const built = `${JWT}function check(t, publicKey, opts) {\n  return jwt.verify(t, publicKey, opts);\n}`;
    for (const code of [pinned, secret, built]) expect(cwes(code)).not.toContain('CWE-347');
  });
});

describe('hard-coded signing keys in a config object', () => {
  const at = (code: string): number[] =>
    analyzeSource('auth.js', code)
      .filter((f) => f.rule === 'hardcoded-credentials')
      .map((f) => f.line);

  it('reports the signing call that uses config.secret, not the object', () => {
    const code = `${JWT}const config = { secret: 'hunter2-signing' };\nconst t = jwt.sign({ a: 1 }, config.secret);`;
    expect(at(code)).toEqual([4]);
  });

  it('accepts a config object that reads the environment', () => {
    const code = `${JWT}const config = { secret: process.env.JWT_SECRET };\nconst t = jwt.sign({ a: 1 }, config.secret);`;
    expect(at(code)).toEqual([]);
  });
});

describe('hard-coded secrets passed through a const', () => {
  const at = (code: string): number[] =>
    analyzeSource('app.js', code)
      .filter((f) => f.rule === 'hardcoded-credentials')
      .map((f) => f.line);

  it('reports the option that uses the const, not the const', () => {
    const code = "const key = 'keyboard-cat-1234';\napp.use(session({ secret: key }));";
    expect(at(code)).toEqual([2]);
  });

  it('accepts a const read from the environment', () => {
    const code = 'const key = process.env.SESSION_SECRET;\napp.use(session({ secret: key }));';
    expect(at(code)).toEqual([]);
  });
});

describe('verification switched off by an argument', () => {
  it('reports jwt-simple noVerify and jose JWK.None; not their checked forms', () => {
    const simple =
      "const jwt = require('jwt-simple');\nexport const claims = (t, secret) => jwt.decode(t, secret, true);";
    const none =
      "const { JWT, JWK } = require('jose');\nexport const claims = (t) => JWT.verify(t, JWK.None);";
    expect(cwes(simple)).toEqual(['CWE-347']);
    expect(cwes(none)).toEqual(['CWE-347']);
    const checked =
      "const jwt = require('jwt-simple');\nexport const claims = (t, secret) => jwt.decode(t, secret, false, 'HS256');";
    const keyed =
      "const { JWT } = require('jose');\nexport const claims = (t, key) => JWT.verify(t, key, { algorithms: ['RS256'] });";
    expect(cwes(checked)).toEqual([]);
    expect(cwes(keyed)).toEqual([]);
  });
});
