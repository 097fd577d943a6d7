import ts from '../../lib/typescript.cjs';
import { enclosingFunctionName, nameWords, propertyNameText, storageName } from './ast.js';
import { cryptoFinding } from './rule-kit.js';
import type { RuleContext } from './types.js';

/**
 * crypto-js (`CryptoJS.MD5(x)`, `CryptoJS.DES.encrypt(m, k)`, `{ mode: CryptoJS.mode.ECB }`), the
 * browser-side crypto library, read like Node's crypto module: MD5/SHA-1 of a password or for a
 * security purpose, DES/TripleDES/RC4 ciphers, and ECB mode.
 */

const modules = /^crypto-js(\/|$)/;
const weakHashes = new Set(['MD5', 'SHA1', 'RIPEMD160', 'HmacMD5']);
const weakCiphers = new Set(['DES', 'TripleDES', 'RC4', 'RC4Drop']);
const passwordWords = /pass(word|wd|phrase)?|pwd|secret|credential/i;
const securityWords = new Set([
  'token',
  'secret',
  'sign',
  'signature',
  'auth',
  'session',
  'verify',
]);

/** The crypto-js namespace a call goes through (`CryptoJS.MD5`, `CryptoJS.DES.encrypt`), or a named import. */
function cryptoJsPath(call: ts.CallExpression, ctx: RuleContext): string[] | undefined {
  const parts: string[] = [];
  let e: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(e)) {
    parts.unshift(e.name.text);
    e = e.expression;
  }
  if (!ts.isIdentifier(e) || !modules.test(ctx.moduleOf(e.text) ?? '')) return undefined;
  return parts.length > 0 ? parts : [e.text];
}

/** What a hash is fed and stored into: its argument, the variable and the function. */
function hashContext(call: ts.CallExpression): string {
  const arg = call.arguments[0]?.getText() ?? '';
  return `${arg} ${storageName(call) ?? ''} ${enclosingFunctionName(call) ?? ''}`;
}

function checkHash(call: ts.CallExpression, alg: string, ctx: RuleContext): void {
  const context = hashContext(call);
  const password = passwordWords.test(context);
  if (!password && !nameWords(context).some((w) => securityWords.has(w))) return;
  ctx.report(
    call,
    cryptoFinding(
      password ? 'CWE-916' : 'CWE-328',
      password ? 'high' : 'medium',
      password
        ? `Password hashed with CryptoJS.${alg}: a fast and broken hash is cracked offline.`
        : `CryptoJS.${alg} is broken for security use (collisions are practical).`,
      'Hash passwords with bcrypt/scrypt/argon2 on the server; use SHA-256 or stronger otherwise.',
    ),
  );
}

/** Calls of crypto-js: weak hashes for passwords or security, weak ciphers. */
export function checkCryptoJsCall(call: ts.CallExpression, ctx: RuleContext): void {
  const path = cryptoJsPath(call, ctx);
  const head = path?.[0];
  if (!path || head === undefined) return;
  if (path.length === 1 && weakHashes.has(head)) return checkHash(call, head, ctx);
  if (path.length !== 2 || !weakCiphers.has(head)) return;
  ctx.report(
    call,
    cryptoFinding(
      'CWE-327',
      'high',
      `Cipher CryptoJS.${head} is insecure (DES/3DES/RC4 are broken or deprecated).`,
      'Use AES-GCM (Web Crypto: crypto.subtle.encrypt with AES-GCM and a random IV).',
    ),
  );
}

/** `{ mode: CryptoJS.mode.ECB }`: ECB encrypts equal blocks equally and leaks patterns. */
export function checkCryptoJsMode(p: ts.PropertyAssignment, ctx: RuleContext): void {
  if (propertyNameText(p.name) !== 'mode') return;
  const v = p.initializer;
  if (!ts.isPropertyAccessExpression(v) || v.name.text !== 'ECB') return;
  const root = v.expression.getText().split('.')[0] ?? '';
  if (!modules.test(ctx.moduleOf(root) ?? '')) return;
  ctx.report(
    p,
    cryptoFinding(
      'CWE-327',
      'high',
      'ECB mode encrypts equal blocks equally and leaks the plaintext’s patterns.',
      'Use AES-GCM with a random IV per message.',
    ),
  );
}
