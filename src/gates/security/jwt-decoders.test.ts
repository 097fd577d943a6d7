import { describe, expect, it } from 'vitest';
import { lines, ruleFindings } from './test-support/rule-findings.js';

/** Claims read without a signature check, by the JWT libraries other than jsonwebtoken (jwt.ts). */

const route = (imports: string, body: string): string =>
  lines(imports, "require('express')().get('/me', (req, res) => {", body, '});');

const token = 'req.headers.authorization';

describe("insecure crypto: a request's JWT decoded without verifying it", () => {
  it("jose's decodeJwt and JWT.decode, and the jwt-decode package", () => {
    const jose = route(
      "const { decodeJwt } = require('jose');",
      `  res.json(decodeJwt(${token}).sub);`,
    );
    const joseV2 = route("const jose = require('jose');", `  res.json(jose.JWT.decode(${token}));`);
    const jwtDecode = route(
      "const jwtDecode = require('jwt-decode');",
      `  res.json(jwtDecode(${token}).sub);`,
    );
    for (const code of [jose, joseV2, jwtDecode])
      expect(ruleFindings('insecure-crypto', code)).toEqual(['3:high']);
  });

  it('verified tokens, browser code reading its own token, and jwt-simple (which verifies) stay quiet', () => {
    const verified = lines(
      "const jose = require('jose');",
      "require('express')().get('/me', async (req, res) => {",
      `  await jose.jwtVerify(${token}, key);`,
      `  res.json(jose.decodeJwt(${token}).sub);`,
      '});',
    );
    const browser = lines(
      "import { jwtDecode } from 'jwt-decode';",
      "const user = jwtDecode(localStorage.getItem('token'));",
      "if (user.role === 'admin') showAdminMenu();",
    );
    const simple = route(
      "const jwt = require('jwt-simple');",
      `  res.json(jwt.decode(${token}, process.env.JWT_KEY));`,
    );
    for (const code of [verified, browser, simple])
      expect(ruleFindings('insecure-crypto', code)).toEqual([]);
  });
});
