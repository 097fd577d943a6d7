import type ts from 'typescript';
import { propertyNameText, receiverName } from './ast.js';
import { cryptoFinding, enclosingFunctionText } from './rule-kit.js';
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

/**
 * `jwt.decode(req.headers.authorization…)` on the server without a `verify` in the same function:
 * the signature is never checked, so anyone can forge the claims.
 */
export function checkJwtDecode(node: ts.CallExpression, ctx: RuleContext): void {
  const r = ctx.resolveCall(node);
  const [token] = node.arguments;
  if (r?.name !== 'decode' || !token) return;
  const jwtLib =
    r.module === 'jsonwebtoken' || /^(jwt|jsonwebtoken)$/i.test(receiverName(r.receiver));
  if (!jwtLib) return;
  const flow = ctx.flow(token);
  if (flow.state !== 'tainted' || flow.taint.kind !== 'remote') return;
  if (/\.verify\s*\(|jwtVerify\s*\(/.test(enclosingFunctionText(node))) return;
  ctx.report(
    node,
    cryptoFinding(
      'CWE-347',
      'high',
      `jwt.decode() reads claims from ${flow.taint.source} without checking the signature.`,
      'Use jwt.verify(token, key, { algorithms: [...] }) and trust only the verified payload.',
    ),
  );
}
