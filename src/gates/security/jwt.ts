import ts from '../../lib/typescript.cjs';
import { calleeOf, objectProperty, propertyNameText, receiverName, unwrap } from './ast.js';
import { walkTree } from './binary-chain.js';
import { decidesOnClaims } from './jwt-claims.js';
import { cryptoFinding, definition, sourceText } from './rule-kit.js';
import type { ResolvedCall } from './imports.js';
import type { RuleContext } from './types.js';

/** `jwt.verify(t, key, { algorithms: ['none'] })`. */
export function checkJwtNone(node: ts.PropertyAssignment, ctx: RuleContext): void {
  const key = propertyNameText(node.name);
  if (key !== 'algorithms' && key !== 'algorithm') return;
  if (!/['"]none['"]/i.test(node.initializer.getText())) return;
  ctx.report(
    node,
    cryptoFinding(
      'CWE-347',
      'high',
      'JWT algorithm "none" accepts unsigned tokens.',
      "Pin a real algorithm: { algorithms: ['HS256'] } or RS256/ES256.",
    ),
  );
}

/** A `verify` / `jwtVerify` call anywhere in the enclosing function. */
function verifiesInFunction(node: ts.Node): boolean {
  let fn: ts.Node = node.getSourceFile();
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent)
    if (ts.isFunctionLike(n)) {
      fn = n;
      break;
    }
  let found = false;
  const visit = (n: ts.Node): boolean => {
    if (found) return false;
    if (ts.isCallExpression(n)) {
      const name = calleeOf(n)?.name;
      if (name === 'verify' || name === 'jwtVerify') found = true;
    }
    return true;
  };
  walkTree(fn, visit);
  return found;
}

/**
 * Calls that read a JWT's claims without checking its signature: jsonwebtoken's `decode`, jose's
 * `decodeJwt` (v4+) and `JWT.decode` (v2), and the jwt-decode package (`jwtDecode(token)`).
 */
function decodesWithoutVerifying(r: ResolvedCall): boolean {
  if (r.module === 'jwt-decode') return !r.receiver || r.name === 'default';
  if (r.module === 'jose')
    return r.name === 'decodeJwt' || (r.name === 'decode' && receiverName(r.receiver) === 'JWT');
  if (r.name !== 'decode') return false;
  // jwt-simple's decode(token, key) verifies (its noVerify flag is checkJwtUnverified's)
  if (r.module !== undefined) return r.module === 'jsonwebtoken';
  return /^(jwt|jsonwebtoken)$/i.test(receiverName(r.receiver));
}

/** Decoders made for browsers too: a page reading its own token is no flaw, a server trusting one is. */
const browserDecoder = (r: ResolvedCall): boolean =>
  r.module === 'jwt-decode' || r.module === 'jose';
/** Sources that only exist in a browser page (web storage, the page URL, the document). */
const browserSource = /^(web storage|location|document\.|window\.)/;

/**
 * `jwt.decode(req.headers.authorization…)` on the server without a `verify` in the same function:
 * the signature is never checked, so anyone can forge the claims.
 */
export function checkJwtDecode(node: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(node);
  const [token] = node.arguments;
  if (!r || !token || !decodesWithoutVerifying(r)) return;
  const flow = ctx.flow(token);
  const input =
    flow.state === 'tainted' &&
    flow.taint.kind === 'remote' &&
    !(browserDecoder(r) && browserSource.test(flow.taint.source));
  // jwt-decode and jose's decodeJwt are also how browser code reads its own token for display
  const serverOnly = r.module === undefined || r.module === 'jsonwebtoken';
  const decides = serverOnly && flow.state === 'unknown' && decidesOnClaims(node);
  if (!input && !decides) return;
  if (verifiesInFunction(node)) return;
  const from = input ? sourceText(flow) : 'a token';
  ctx.report(
    node,
    cryptoFinding(
      'CWE-347',
      input ? 'high' : 'medium',
      `${unwrap(node.expression).getText()}() reads claims from ${from} without checking the signature${input ? '' : ', and a decision depends on them'}.`,
      'Use jwt.verify(token, key, { algorithms: [...] }) and trust only the verified payload.',
    ),
  );
}

/** Options of `jwt.verify(token, key, options?, callback?)`: the third argument unless it is the callback. */
function verifyOptions(args: readonly ts.Expression[]): ts.Expression | undefined {
  const third = args[2] && unwrap(args[2]);
  if (!third || ts.isArrowFunction(third) || ts.isFunctionExpression(third)) return undefined;
  return third;
}

const publicKeyName = /public|^pub|cert|pem|jwks|spki|x509|rsa|ecdsa/i;

/** The verification key is (most likely) an RSA/EC public key or certificate. */
function isPublicKey(key: ts.Expression): boolean {
  const def = definition(key);
  const text = def.getText();
  if (/BEGIN (RSA )?PUBLIC KEY|BEGIN CERTIFICATE|\.(pem|pub|crt|cer)\b/.test(text)) return true;
  const e = unwrap(key);
  const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '';
  return publicKeyName.test(name);
}

/**
 * jsonwebtoken `verify()` with a public key and no `algorithms`: the token's own header picks the
 * algorithm, so the public key can be used as an HMAC secret to forge tokens (algorithm
 * confusion). With a shared secret the header cannot switch to anything weaker.
 */
export function checkJwtVerify(node: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(node);
  if (r?.name !== 'verify' || node.arguments.length < 2) return;
  const jwtLib =
    r.module === 'jsonwebtoken' ||
    (r.module === undefined && /^(jwt|jsonwebtoken)$/i.test(receiverName(r.receiver)));
  if (!jwtLib || !node.arguments[1] || !isPublicKey(node.arguments[1])) return;
  const opts = verifyOptions(node.arguments);
  if (opts && !ts.isObjectLiteralExpression(opts)) return; // options built elsewhere
  if (opts && objectProperty(opts, 'algorithms')) return;
  ctx.report(
    node,
    cryptoFinding(
      'CWE-347',
      'medium',
      'jwt.verify() with a public key and no `algorithms` lets the token header choose the algorithm (algorithm confusion: the public key used as an HMAC secret forges tokens).',
      "Pin the algorithms you issue: jwt.verify(token, key, { algorithms: ['RS256'] }).",
    ),
  );
}

/**
 * Verification switched off by an argument: jwt-simple `decode(token, key, true)` (`noVerify`)
 * and jose (v2) `JWT.verify(token, JWK.None)`, which accepts unsigned (`alg: none`) tokens.
 */
export function checkJwtUnverified(node: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(node);
  const [, key, flag] = node.arguments;
  if (!r || !key) return;
  const noVerify =
    r.name === 'decode' &&
    r.module === 'jwt-simple' &&
    flag !== undefined &&
    unwrap(flag).kind === ts.SyntaxKind.TrueKeyword;
  const noneKey =
    r.name === 'verify' && r.module === 'jose' && /(^|\.)None$/.test(unwrap(key).getText());
  if (!noVerify && !noneKey) return;
  ctx.report(
    node,
    cryptoFinding(
      'CWE-347',
      'high',
      noVerify
        ? 'jwt-simple decode() with noVerify = true returns claims whose signature was never checked.'
        : 'JWT.verify() with JWK.None accepts unsigned tokens (alg "none"): anyone can forge them.',
      'Verify the signature with the issuing key and pin the algorithm.',
    ),
  );
}
