import ts from '../../lib/typescript.cjs';
import {
  calleeOf,
  enclosingFunctionName,
  nameWords,
  receiverName,
  storageName,
  unwrap,
} from './ast.js';
import { cryptoFinding, definition } from './rule-kit.js';
import { checkJwtDecode, checkJwtNone, checkJwtUnverified, checkJwtVerify } from './jwt.js';
import { checkTls } from './tls.js';
import {
  checkBcryptCost,
  checkConstantSalt,
  checkGcmTagLength,
  checkDhGroup,
  checkKeySize,
  checkTlsCiphers,
  checkTlsVersion,
} from './weak-parameters.js';
import { checkCryptoJsCall, checkCryptoJsMode } from './crypto-js.js';
import type { RuleContext, SecurityRule } from './types.js';

const passwordWords = /pass(word|wd|phrase)?|pwd|\bpw\b|secret|credential/i;
const securityWords = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'pass',
  'nonce',
  'salt',
  'otp',
  'csrf',
  'xsrf',
  'session',
  'sid',
  'auth',
  'uuid',
  'guid',
  'credential',
  'verification',
  'reset',
  'invite',
  'pin',
  'captcha',
  'iv',
  'apikey',
  'signature',
  'hmac',
  'passphrase',
  'totp',
]);
const weakCiphers = /ecb|^des\b|^des-|^des$|rc4|rc2|^bf|blowfish|^cast/i;
const hashSecurityWords = new Set([
  'token',
  'secret',
  'sign',
  'signature',
  'signed',
  'auth',
  'session',
  'integrity',
  'verify',
  'credential',
  'hmac',
  'otp',
  'nonce',
  'apikey',
  'cert',
  'certificate',
]);

/** Text of what a hash is fed and stored into: `createHash(a).update(x).digest()` → x + storage name. */
function hashContext(call: ts.CallExpression): string {
  const parts: string[] = [];
  let n: ts.Node = call;
  for (let i = 0; i < 6 && n.parent; i++) {
    const p: ts.Node = n.parent;
    if (
      ts.isPropertyAccessExpression(p) &&
      p.name.text === 'update' &&
      ts.isCallExpression(p.parent)
    ) {
      parts.push(p.parent.arguments.map((a) => a.getText()).join(' '));
    }
    n = p;
  }
  parts.push(storageName(call) ?? '', enclosingFunctionName(call) ?? '');
  return parts.join(' ');
}

function isCrypto(ctx: RuleContext, call: ts.CallExpression): string | undefined {
  const r = ctx.resolveCall(call);
  if (!r) return undefined;
  if (r.module === 'crypto' || /^(crypto|nodeCrypto)$/.test(receiverName(r.receiver)))
    return r.name;
  return r.receiver === undefined && r.module === undefined ? r.name : undefined;
}

function checkHash(call: ts.CallExpression, ctx: RuleContext): void {
  const alg = ctx.constString(call.arguments[0] ?? call)?.toLowerCase();
  if (!alg) return;
  const weak = /^(md4|md5|sha1|sha-1|ripemd)/.test(alg);
  const context = hashContext(call);
  if (passwordWords.test(context)) {
    ctx.report(
      call,
      cryptoFinding(
        'CWE-916',
        weak ? 'high' : 'medium',
        `Password hashed with ${alg}: a fast ${weak ? 'and broken ' : ''}hash is cracked offline at billions of guesses per second.`,
        'Hash passwords with a slow, salted KDF: bcrypt, scrypt (crypto.scrypt), argon2 or PBKDF2 with >= 600,000 iterations.',
      ),
    );
  } else if (weak && nameWords(context).some((w) => hashSecurityWords.has(w))) {
    ctx.report(
      call,
      cryptoFinding(
        'CWE-328',
        'medium',
        `${alg} is broken for security use (collisions are practical).`,
        'Use SHA-256 or stronger (HMAC-SHA-256 for signatures/tokens).',
      ),
    );
  }
}

function checkCipher(call: ts.CallExpression, name: string, ctx: RuleContext): void {
  if (name === 'createCipher' || name === 'createDecipher') {
    ctx.report(
      call,
      cryptoFinding(
        'CWE-327',
        'high',
        `crypto.${name}() derives the key with MD5 and no salt and reuses the IV (deprecated).`,
        'Use crypto.createCipheriv() with AES-256-GCM, a key from a KDF and a random 12-byte IV per message.',
      ),
    );
    return;
  }
  const alg = ctx.constString(call.arguments[0] ?? call);
  const iv = call.arguments[2];
  if (iv && alg && !/ecb/i.test(alg) && isStaticIv(iv, ctx)) {
    ctx.report(
      call,
      cryptoFinding(
        'CWE-329',
        'medium',
        'The IV is a constant: identical plaintexts encrypt identically and GCM/CTR keystreams repeat.',
        'Generate a fresh random IV per message (crypto.randomBytes(12) for GCM, 16 for CBC) and store it with the ciphertext.',
      ),
    );
  }
  if (alg && weakCiphers.test(alg)) {
    ctx.report(
      call,
      cryptoFinding(
        'CWE-327',
        'high',
        `Cipher ${alg} is insecure (ECB leaks patterns; DES/RC4/Blowfish are broken).`,
        'Use AES-256-GCM (or ChaCha20-Poly1305) with a random IV per message.',
      ),
    );
  }
}

/** A constant IV, written at the call or in the `const iv = Buffer.from('…')` it names. */
function isStaticIv(iv: ts.Expression, ctx: RuleContext): boolean {
  const e = definition(iv);
  if (ctx.constString(e) !== undefined) return true;
  if (!ts.isCallExpression(e)) return false;
  const c = calleeOf(e);
  if (c?.path === 'Buffer.alloc') return e === unwrap(iv) || !filledAtRandom(iv);
  return (
    c?.path === 'Buffer.from' &&
    e.arguments[0] !== undefined &&
    ctx.flow(e.arguments[0]).state === 'constant'
  );
}

/** `const iv = Buffer.alloc(16); crypto.randomFillSync(iv)`: the zeroed buffer is filled later. */
function filledAtRandom(iv: ts.Expression): boolean {
  const name = unwrap(iv).getText().replace(/\$/g, '\\$');
  const fill = new RegExp(`\\b(randomFill(Sync)?|getRandomValues)\\(\\s*${name}\\b`);
  return fill.test(iv.getSourceFile().text);
}

function checkPbkdf2(call: ts.CallExpression, ctx: RuleContext): void {
  const iterations = Number(ctx.constString(call.arguments[2] ?? call) ?? NaN);
  if (!(iterations < 100_000)) return;
  ctx.report(
    call,
    cryptoFinding(
      'CWE-916',
      'medium',
      `PBKDF2 with only ${iterations} iterations is cheap to brute-force.`,
      'Use >= 600,000 iterations of PBKDF2-HMAC-SHA256 (OWASP 2023), or scrypt/argon2.',
    ),
  );
}

function checkRandom(call: ts.CallExpression, ctx: RuleContext): void {
  const name = storageName(call) ?? enclosingFunctionName(call);
  if (!name) return;
  const words = nameWords(name);
  const hit =
    words.some((w) => securityWords.has(w)) || (words.includes('api') && words.includes('key'));
  if (!hit) return;
  ctx.report(
    call,
    cryptoFinding(
      'CWE-338',
      'medium',
      `Math.random() used for "${name}": it is predictable and must not make secrets or tokens.`,
      'Use crypto.randomBytes(32).toString("hex"), crypto.randomUUID() or crypto.getRandomValues().',
    ),
  );
}

export const insecureCryptoRule: SecurityRule = {
  id: 'insecure-crypto',
  kinds: [
    ts.SyntaxKind.PropertyAssignment,
    ts.SyntaxKind.BinaryExpression,
    ts.SyntaxKind.CallExpression,
  ],
  visit(node, ctx) {
    if (ts.isPropertyAssignment(node)) {
      checkTls(node, ctx);
      checkTlsVersion(node, ctx);
      checkTlsCiphers(node, ctx);
      checkJwtNone(node, ctx);
      checkCryptoJsMode(node, ctx);
      return;
    }
    if (ts.isBinaryExpression(node)) return checkTls(node, ctx);
    if (!ts.isCallExpression(node)) return;
    const c = calleeOf(node);
    if (c?.path === 'Math.random') return checkRandom(node, ctx);
    checkJwtDecode(node, ctx);
    checkJwtVerify(node, ctx);
    checkJwtUnverified(node, ctx);
    checkBcryptCost(node, ctx);
    checkCryptoJsCall(node, ctx);
    const name = isCrypto(ctx, node);
    if (name !== undefined) {
      checkKeySize(node, name, ctx);
      checkDhGroup(node, name, ctx);
      checkConstantSalt(node, name, ctx);
      checkGcmTagLength(node, name, ctx);
    }
    if (name === 'createHash') checkHash(node, ctx);
    else if (
      name === 'createCipher' ||
      name === 'createDecipher' ||
      name === 'createCipheriv' ||
      name === 'createDecipheriv'
    )
      checkCipher(node, name, ctx);
    else if (name === 'pbkdf2' || name === 'pbkdf2Sync') checkPbkdf2(node, ctx);
    else if (name === 'pseudoRandomBytes') {
      ctx.report(
        node,
        cryptoFinding(
          'CWE-338',
          'medium',
          'crypto.pseudoRandomBytes() is not cryptographically strong.',
          'Use crypto.randomBytes().',
        ),
      );
    }
  },
};
