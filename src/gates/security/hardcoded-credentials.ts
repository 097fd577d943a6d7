import ts from '../../lib/typescript.cjs';
import {
  memberName,
  nameWords,
  objectProperty,
  propertyNameText,
  rootName,
  unwrap,
} from './ast.js';
import { walkTree } from './binary-chain.js';
import { definition, isTestFile } from './rule-kit.js';
import { keyArgIndex } from './key-arguments.js';
import type { RuleContext, SecurityRule } from './types.js';

const credentialWords = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'secret',
  'token',
  'apikey',
  'passphrase',
  'credential',
  'credentials',
]);
const keyQualifiers = new Set([
  'api',
  'secret',
  'private',
  'access',
  'encryption',
  'signing',
  'jwt',
  'session',
  'client',
  'auth',
  'master',
  'app',
]);
const notCredential = new Set([
  'message',
  'msg',
  'label',
  'placeholder',
  'hint',
  'field',
  'name',
  'header',
  'type',
  'prefix',
  'url',
  'uri',
  'endpoint',
  'path',
  'file',
  'route',
  'regex',
  'pattern',
  'length',
  'min',
  'max',
  'policy',
  'error',
  'invalid',
  'missing',
  'required',
  'forgot',
  'input',
  'param',
  'env',
  'var',
  'cookie',
  'column',
  'attr',
  'selector',
  'query',
  'event',
  'action',
  'text',
  'title',
  'description',
  'mode',
  'format',
  'algorithm',
  'scheme',
  'expiry',
  'expires',
  'ttl',
  'count',
  'version',
  'source',
  'provider',
  'strategy',
  'template',
  'mask',
  'display',
  'reset',
  'storage',
]);
const placeholder =
  /^(x+|\*+|\.+|-+|_+)$|<[^>]*>|\$\{|\{\{|%s|your[_\s-]?|replace|todo|example|dummy|placeholder|insert|enter[_\s-]|fixme|xxx|redacted|^none$|^null$|^undefined$/i;
const FIX =
  'Load credentials from the environment or a secret manager (process.env.DB_PASSWORD via the config module) and fail at startup when missing; rotate the exposed value.';

/** Answers by name, bounded: the same names come up for many nodes of a file, and in each pass. */
const credentialNames = new Map<string, boolean>();

export function isCredentialName(name: string): boolean {
  let yes = credentialNames.get(name);
  if (yes === undefined) {
    if (credentialNames.size >= 4096) credentialNames.clear();
    credentialNames.set(name, (yes = spellsCredentialName(name)));
  }
  return yes;
}

function spellsCredentialName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || words.some((w) => notCredential.has(w))) return false;
  if (credentialWords.has(last)) return true;
  if (last === 'key' && words.includes('secret')) return true; // secretOrKey, secretOrPrivateKey
  const prev = words[words.length - 2];
  return last === 'key' && prev !== undefined && keyQualifiers.has(prev);
}

export function isRealSecret(value: string): boolean {
  if (value.length < 4 || placeholder.test(value)) return false;
  if (/^(https?:)?\//.test(value) && !/:\/\/[^/]*:[^/]*@/.test(value)) return false;
  return value.trim().split(/\s+/).length < 4; // sentences are messages, not secrets
}

/**
 * The field's own name written for display (`{ password: 'Password' }`, `apiKey: 'API Key'`,
 * i18n labels): the same letters in another case or spacing. Spelled exactly like the name
 * (`password: 'password'`), it is a default credential.
 */
function isDisplayName(name: string, value: string): boolean {
  const letters = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return value !== name && letters(value) === letters(name);
}

/** The Fetch API's `credentials` option names a mode (RequestCredentials), not a secret. */
const fetchCredentialModes = new Set(['omit', 'same-origin', 'include']);
const isFetchMode = (name: string, value: string): boolean =>
  name === 'credentials' && fetchCredentialModes.has(value);

function literalOf(expr: ts.Expression): ts.StringLiteralLike | undefined {
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e)) return e;
  if (
    ts.isBinaryExpression(e) &&
    (e.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
      e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
  ) {
    return literalOf(e.right); // process.env.X || 'fallback-secret'
  }
  return undefined;
}

export function report(ctx: RuleContext, node: ts.Node, what: string, value: string): void {
  const weak =
    /^(changeme|change_me|password|passw0rd|admin|secret|123456|12345678|root|test|default|letmein|qwerty)$/i.test(
      value,
    );
  ctx.report(node, {
    rule: 'hardcoded-credentials',
    cwe: 'CWE-798',
    severity: weak ? 'medium' : 'high',
    message: `${what} is a hard-coded ${weak ? 'default ' : ''}credential in source code.`,
    fix: FIX,
  });
}

function checkNamed(
  node: ts.Node,
  name: string | undefined,
  init: ts.Expression | undefined,
  ctx: RuleContext,
): void {
  if (!name || !init) return;
  const own = literalOf(init);
  if (!own) return checkNamedThroughConst(node, name, init, ctx);
  if (/^authorization$/i.test(name)) {
    const m = /^(Bearer|Basic|token)\s+(\S{8,})$/i.exec(own.text);
    if (m?.[2] && !placeholder.test(m[2])) report(ctx, node, 'The Authorization header', m[2]);
    return;
  }
  if (!isCredentialName(name) || !isRealSecret(own.text)) return;
  if (isDisplayName(name, own.text) || isFetchMode(name, own.text)) return;
  if (
    (ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node)) &&
    usedAsSigningKey(node, ctx)
  )
    return;
  report(ctx, node, `"${name}"`, own.text);
}

/** `{ secret: sessionSecret }` where `const sessionSecret = '…'`: reported where it is used. */
function checkNamedThroughConst(
  node: ts.Node,
  name: string,
  init: ts.Expression,
  ctx: RuleContext,
): void {
  if (!ts.isPropertyAssignment(node) || !isCredentialName(name)) return;
  const lit = constLiteral(init);
  if (lit && isRealSecret(lit.text)) report(ctx, node, `"${name}"`, lit.text);
}

/** The literal a `const` identifier is initialised with. */
function constLiteral(expr: ts.Expression): ts.StringLiteralLike | undefined {
  const e = unwrap(expr);
  if (!ts.isIdentifier(e)) return undefined;
  const def = definition(e);
  return def !== e ? literalOf(def) : undefined;
}

/** Calls that turn a string into key material: the key is still the literal. */
const keyWrappers = new Set(['from', 'encode', 'createSecretKey', 'asKey', 'importKey']);

/** The literal a key is made from: `'k'`, `Buffer.from('k')`, `new TextEncoder().encode('k')`, a const of those. */
function keyLiteral(expr: ts.Expression, depth = 0): ts.StringLiteralLike | undefined {
  const e = unwrap(definition(expr));
  const lit = literalOf(e);
  if (lit || depth > 2) return lit;
  // `config.secret` where `const config = { secret: '…' }`
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const holder = definition(e.expression);
    const value = ts.isObjectLiteralExpression(holder)
      ? objectProperty(holder, e.name.text)
      : undefined;
    return value ? keyLiteral(value, depth + 1) : undefined;
  }
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    const name = ts.isCallExpression(e) ? memberName(e.expression) : undefined;
    const wraps = name !== undefined && keyWrappers.has(name);
    const first = e.arguments?.[0];
    if (wraps && first) return keyLiteral(first, depth + 1);
  }
  return undefined;
}

function checkCall(node: ts.CallExpression, ctx: RuleContext): void {
  const idx = keyArgIndex(node, ctx);
  if (idx === undefined) return;
  const arg = node.arguments[idx];
  const lit = arg ? keyLiteral(arg) : undefined;
  if (lit && lit.text.length > 0 && !placeholder.test(lit.text)) {
    const where = lit.getSourceFile().getLineAndCharacterOfPosition(lit.getStart()).line + 1;
    const name = ctx.resolveCall(node)?.name ?? 'this call';
    report(ctx, node, `The key passed to ${name}() (the literal on line ${where})`, lit.text);
  }
}

/** `const secret = '…'` used (maybe wrapped) as the key of jwt.sign/verify: the call reports it. */
function usedAsSigningKey(
  decl: ts.VariableDeclaration | ts.PropertyAssignment,
  ctx: RuleContext,
): boolean {
  const own = decl.initializer ? literalOf(decl.initializer) : undefined;
  if (!own) return false;
  let found = false;
  const visit = (n: ts.Node): boolean => {
    if (found) return false;
    if (ts.isCallExpression(n)) {
      const idx = keyArgIndex(n, ctx);
      const arg = idx === undefined ? undefined : n.arguments[idx];
      if (arg && keyLiteral(arg) === own) found = true;
    }
    // `{ secret: thatConst }`: the property that uses it reports it
    if (
      ts.isPropertyAssignment(n) &&
      n !== decl &&
      isCredentialName(propertyNameText(n.name) ?? '') &&
      constLiteral(n.initializer) === own
    )
      found = true;
    return true;
  };
  walkTree(ctx.sourceFile, visit);
  return found;
}

/** `session({ secret: ['a', 'b'] })`, `cookieSession({ keys: ['k1', 'k2'] })`: signing keys. */
function checkKeyList(node: ts.PropertyAssignment, name: string, ctx: RuleContext): void {
  const list = unwrap(node.initializer);
  if (!ts.isArrayLiteralExpression(list)) return;
  const call = node.parent.parent;
  const session =
    ts.isCallExpression(call) &&
    /session|cookie/i.test(ctx.moduleOf(rootName(call.expression) ?? '') ?? '');
  if (!(isCredentialName(name) || (name === 'keys' && session))) return;
  const lit = list.elements.map(literalOf).find((l) => l !== undefined && isRealSecret(l.text));
  if (lit) report(ctx, node, `"${name}"`, lit.text);
}

function checkConnectionUrl(node: ts.StringLiteralLike, ctx: RuleContext): void {
  if (!node.text.includes('@')) return;
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@/i.exec(node.text);
  if (m?.[1] && !placeholder.test(m[1]) && !m[1].startsWith('$'))
    report(ctx, node, 'The password in this connection URL', m[1]);
}

export const hardcodedCredentialsRule: SecurityRule = {
  id: 'hardcoded-credentials',
  kinds: [
    ts.SyntaxKind.VariableDeclaration,
    ts.SyntaxKind.PropertyAssignment,
    ts.SyntaxKind.PropertyDeclaration,
    ts.SyntaxKind.BinaryExpression,
    ts.SyntaxKind.CallExpression,
    ts.SyntaxKind.StringLiteral,
    ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ],
  visit(node, ctx) {
    if (isTestFile(ctx.sourceFile.fileName)) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name))
      checkNamed(node, node.name.text, node.initializer, ctx);
    else if (ts.isPropertyAssignment(node)) {
      checkNamed(node, propertyNameText(node.name), node.initializer, ctx);
      checkKeyList(node, propertyNameText(node.name) ?? '', ctx);
    } else if (ts.isPropertyDeclaration(node))
      checkNamed(node, propertyNameText(node.name), node.initializer, ctx);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrap(node.left);
      checkNamed(node, ts.isIdentifier(left) ? left.text : memberName(left), node.right, ctx);
    } else if (ts.isCallExpression(node)) checkCall(node, ctx);
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      checkConnectionUrl(node, ctx);
  },
};
