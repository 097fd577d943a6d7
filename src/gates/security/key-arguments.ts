import type ts from '../../lib/typescript.cjs';
import { receiverName } from './ast.js';
import type { RuleContext } from './types.js';

/**
 * Calls that take a secret key as an argument: jsonwebtoken / jose `sign`/`verify`/`jwtVerify`,
 * jwt-simple `encode`/`decode`, crypto's `createHmac(alg, key)` and
 * `createCipheriv`/`createDecipheriv(alg, key, iv)`, cookie-parser's `cookieParser(secret)`.
 */

const secretArgCalls: Record<string, number> = { sign: 1, verify: 1, createHmac: 1 };

const keyTakers = new Set([
  'sign',
  'verify',
  'encode',
  'decode',
  'createHmac',
  'jwtVerify',
  'createCipheriv',
  'createDecipheriv',
]);

/** Index of the argument a call takes its secret key in, for calls that take one. */
export function keyArgIndex(call: ts.CallExpression, ctx: RuleContext): number | undefined {
  const r = ctx.resolveCall(call);
  if (!r || (!keyTakers.has(r.name) && r.module !== 'cookie-parser')) return undefined;
  const where = `${r.module ?? ''} ${receiverName(r.receiver)}`;
  if (r.module === 'cookie-parser' && !r.receiver) return 0;
  // the HMAC key, and the key of crypto's `createCipheriv(alg, key, iv)` / `createDecipheriv`
  if (r.name === 'createHmac' || r.name === 'createCipheriv' || r.name === 'createDecipheriv')
    return 1;
  if (
    /jwt-simple|jwt_simple|jwtSimple/i.test(where) &&
    (r.name === 'encode' || r.name === 'decode')
  )
    return 1;
  if (/jose|JWT/.test(where) && r.name === 'jwtVerify') return 1;
  // `new SignJWT(…)….sign(key)`: jose's builder takes the key as its only argument.
  if (r.name === 'sign' && call.arguments.length === 1 && /SignJWT/.test(call.expression.getText()))
    return 0;
  const idx = Object.hasOwn(secretArgCalls, r.name) ? secretArgCalls[r.name] : undefined;
  return idx !== undefined && /jwt|jsonwebtoken|jose/i.test(where) ? idx : undefined;
}
