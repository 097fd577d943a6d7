import ts from '../../lib/typescript.cjs';
import { objectProperty, propertyNameText, receiverName, unwrap } from './ast.js';
import { cryptoFinding } from './rule-kit.js';
import type { RuleContext } from './types.js';

/**
 * Sound algorithms with parameters too weak to hold: bcrypt cost below 10, RSA/DSA keys below
 * 2048 bits, Diffie-Hellman groups below 2048 bits, TLS 1.0/1.1 (or SSL) allowed, and a
 * constant salt for scrypt/PBKDF2.
 */

const bcryptModules = /^(bcrypt|bcryptjs|bcrypt-nodejs)$/;
const rsaLike = /^(rsa|rsa-pss|dsa)$/i;
const oldTls = /^(SSLv2|SSLv3|TLSv1|TLSv1_1)_(client_|server_)?method$|^TLSv1(\.1)?$/;

function numberOf(e: ts.Expression | undefined, ctx: RuleContext): number {
  return e ? Number(ctx.constString(e) ?? NaN) : NaN;
}

/** `bcrypt.hash(pw, 8)`, `bcrypt.genSaltSync(6)`. */
export function checkBcryptCost(call: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(call);
  if (!r || !bcryptModules.test(r.module ?? receiverName(r.receiver))) return;
  const at = /^genSalt(Sync)?$/.test(r.name) ? 0 : /^hash(Sync)?$/.test(r.name) ? 1 : -1;
  const cost = at < 0 ? NaN : numberOf(call.arguments[at], ctx);
  if (!(cost < 10)) return;
  ctx.report(
    call,
    cryptoFinding(
      'CWE-916',
      'medium',
      `bcrypt cost ${cost} is cheap to brute-force (each step halves the work).`,
      'Use a cost of at least 10 (12 is common today).',
    ),
  );
}

/**
 * Diffie-Hellman groups under 2048 bits (Logjam): `createDiffieHellman(1024)`, the predefined
 * `modp1`/`modp2` groups (768/1024 bits) of `getDiffieHellman()` / `createDiffieHellmanGroup()`.
 */
export function checkDhGroup(call: ts.CallExpression, name: string, ctx: RuleContext): void {
  const [first] = call.arguments;
  if (!first) return;
  const weak =
    name === 'createDiffieHellman'
      ? numberOf(first, ctx) < 2048
      : /^(getDiffieHellman|createDiffieHellmanGroup)$/.test(name) &&
        /^modp[12]$/.test(ctx.constString(first) ?? '');
  if (!weak) return;
  ctx.report(
    call,
    cryptoFinding(
      'CWE-326',
      'medium',
      'A Diffie-Hellman group under 2048 bits can be broken with precomputation (Logjam).',
      "Use a 2048-bit or larger group ('modp14' and up) or ECDH (crypto.createECDH('prime256v1')).",
    ),
  );
}

/** `generateKeyPair('rsa', { modulusLength: 1024 })`. */
export function checkKeySize(call: ts.CallExpression, name: string, ctx: RuleContext): void {
  if (name !== 'generateKeyPair' && name !== 'generateKeyPairSync') return;
  const [type, opts] = call.arguments;
  const o = opts && unwrap(opts);
  if (!type || !rsaLike.test(ctx.constString(type) ?? '') || !o) return;
  if (!ts.isObjectLiteralExpression(o)) return;
  const bits = numberOf(objectProperty(o, 'modulusLength'), ctx);
  if (!(bits < 2048)) return;
  ctx.report(
    call,
    cryptoFinding(
      'CWE-326',
      'medium',
      `A ${bits}-bit ${ctx.constString(type)} key is within reach of factoring.`,
      'Use modulusLength: 2048 or more (3072 for keys that must last), or an elliptic curve.',
    ),
  );
}

/** `scryptSync(pw, 'fixed-salt', 64)`: one salt for every password defeats salting. */
export function checkConstantSalt(call: ts.CallExpression, name: string, ctx: RuleContext): void {
  if (!/^(scrypt|pbkdf2)(Sync)?$/.test(name) || !call.arguments[1]) return;
  if (ctx.flow(call.arguments[1]).state !== 'constant') return;
  ctx.report(
    call,
    cryptoFinding(
      'CWE-760',
      'medium',
      `${name}() uses a constant salt: equal passwords get equal hashes, and one table cracks them all.`,
      'Generate a random salt per password (crypto.randomBytes(16)) and store it with the hash.',
    ),
  );
}

/** `minVersion: 'TLSv1'`, `secureProtocol: 'TLSv1_method'`: protocol versions with known attacks. */
export function checkTlsVersion(node: ts.PropertyAssignment, ctx: RuleContext): void {
  const key = propertyNameText(node.name);
  if (key !== 'minVersion' && key !== 'secureProtocol') return;
  const v = ctx.constString(node.initializer);
  if (v === undefined || !oldTls.test(v)) return;
  ctx.report(
    node,
    cryptoFinding(
      'CWE-327',
      'medium',
      `${key}: '${v}' allows TLS 1.0/1.1 or SSL, which are deprecated and attackable.`,
      "Require TLS 1.2 or later: minVersion: 'TLSv1.2' (the Node.js default).",
    ),
  );
}

/**
 * `createDecipheriv('aes-256-gcm', key, iv)` without `authTagLength`: Node accepts any tag length
 * `setAuthTag()` is given, so a truncated (4-byte) tag passes and forgeries become cheap.
 */
export function checkGcmTagLength(call: ts.CallExpression, name: string, ctx: RuleContext): void {
  if (name !== 'createDecipheriv') return;
  const [alg, , , opts] = call.arguments;
  if (!alg || !/-gcm$|^id-aes\d+-gcm$/i.test(ctx.constString(alg) ?? '')) return;
  const o = opts && unwrap(opts);
  if (o && (!ts.isObjectLiteralExpression(o) || objectProperty(o, 'authTagLength'))) return;
  ctx.report(
    call,
    cryptoFinding(
      'CWE-310',
      'low',
      'GCM decryption without authTagLength accepts truncated authentication tags.',
      "Pass { authTagLength: 16 } to createDecipheriv() (or check the tag's length before setAuthTag()).",
    ),
  );
}

/** OpenSSL cipher-list words that enable no or broken encryption, unless excluded (`!RC4`). */
const weakSuite = /(^|[:,\s+])(NULL|eNULL|aNULL|EXPORT|EXP|RC4|DES|3DES|MD5|LOW)(?=$|[:,\s+-])/;

/** `ciphers: 'RC4:NULL'` in TLS options: suites without (or with broken) encryption are allowed. */
export function checkTlsCiphers(node: ts.PropertyAssignment, ctx: RuleContext): void {
  if (propertyNameText(node.name) !== 'ciphers') return;
  const v = ctx.constString(node.initializer);
  const m = v === undefined ? null : weakSuite.exec(v);
  if (!m) return;
  ctx.report(
    node,
    cryptoFinding(
      'CWE-327',
      'medium',
      `ciphers allows ${m[2] ?? 'weak'} suites (no or broken encryption).`,
      "Leave Node's default cipher list, or exclude weak suites ('!aNULL:!eNULL:!RC4:!DES:!MD5').",
    ),
  );
}
