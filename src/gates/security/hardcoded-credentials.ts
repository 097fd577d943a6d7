import ts from '../../lib/typescript.cjs';
import { memberName, nameWords, propertyNameText, receiverName, unwrap } from './ast.js';
import { definition, isTestFile } from './rule-kit.js';
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

function isCredentialName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || words.some((w) => notCredential.has(w))) return false;
  if (credentialWords.has(last)) return true;
  const prev = words[words.length - 2];
  return last === 'key' && prev !== undefined && keyQualifiers.has(prev);
}

function isRealSecret(value: string): boolean {
  if (value.length < 4 || placeholder.test(value)) return false;
  if (/^(https?:)?\//.test(value) && !/:\/\/[^/]*:[^/]*@/.test(value)) return false;
  return value.trim().split(/\s+/).length < 4; // sentences are messages, not secrets
}

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

function report(ctx: RuleContext, node: ts.Node, what: string, value: string): void {
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
  if (/^authorization$/i.test(name)) {
    const lit = literalOf(init);
    const m = lit ? /^(Bearer|Basic|token)\s+(\S{8,})$/i.exec(lit.text) : null;
    if (m?.[2] && !placeholder.test(m[2])) report(ctx, node, 'The Authorization header', m[2]);
    return;
  }
  if (!isCredentialName(name)) return;
  const lit = literalOf(init);
  if (!lit || !isRealSecret(lit.text)) return;
  if (ts.isVariableDeclaration(node) && usedAsSigningKey(node, ctx)) return;
  report(ctx, node, `"${name}"`, lit.text);
}

const secretArgCalls: Record<string, number> = { sign: 1, verify: 1, createHmac: 1 };

function checkCall(node: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(node);
  if (!r) return;
  const idx = Object.hasOwn(secretArgCalls, r.name) ? secretArgCalls[r.name] : undefined;
  const jwtLike =
    r.name === 'createHmac' ||
    /jwt|jsonwebtoken|jose/i.test(`${r.module ?? ''} ${receiverName(r.receiver)}`);
  if (idx === undefined || !jwtLike) return;
  const arg = node.arguments[idx];
  const lit = arg ? literalOf(definition(arg)) : undefined;
  if (lit && lit.text.length > 0 && !placeholder.test(lit.text)) {
    const where = lit.getSourceFile().getLineAndCharacterOfPosition(lit.getStart()).line + 1;
    report(ctx, node, `The key passed to ${r.name}() (the literal on line ${where})`, lit.text);
  }
}

/** `const secret = '…'` used only as the key of jwt.sign/verify: the call reports it, at the sink. */
function usedAsSigningKey(decl: ts.VariableDeclaration, ctx: RuleContext): boolean {
  if (!ts.isIdentifier(decl.name)) return false;
  const name = decl.name.text;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const idx = secretArgCalls[n.expression.name.text];
      const arg = idx === undefined ? undefined : n.arguments[idx];
      if (arg && ts.isIdentifier(arg) && arg.text === name) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(ctx.sourceFile);
  return found;
}

function checkConnectionUrl(node: ts.StringLiteralLike, ctx: RuleContext): void {
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
    else if (ts.isPropertyAssignment(node))
      checkNamed(node, propertyNameText(node.name), node.initializer, ctx);
    else if (ts.isPropertyDeclaration(node))
      checkNamed(node, propertyNameText(node.name), node.initializer, ctx);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrap(node.left);
      checkNamed(node, ts.isIdentifier(left) ? left.text : memberName(left), node.right, ctx);
    } else if (ts.isCallExpression(node)) checkCall(node, ctx);
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      checkConnectionUrl(node, ctx);
  },
};
