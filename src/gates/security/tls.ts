import ts from '../../lib/typescript.cjs';
import { chainKey, propertyNameText, unwrap } from './ast.js';
import { cryptoFinding } from './rule-kit.js';
import type { RuleContext } from './types.js';

/** `rejectUnauthorized: false`, accept-all `checkServerIdentity`, `NODE_TLS_REJECT_UNAUTHORIZED = '0'`. */
export function checkTls(node: ts.Node, ctx: RuleContext): void {
  if (ts.isPropertyAssignment(node)) {
    const key = propertyNameText(node.name);
    const v = unwrap(node.initializer);
    const isFalse =
      v.kind === ts.SyntaxKind.FalseKeyword || (ts.isNumericLiteral(v) && v.text === '0');
    if ((key === 'rejectUnauthorized' || key === 'strictSSL') && isFalse) {
      ctx.report(
        node,
        cryptoFinding(
          'CWE-295',
          'high',
          `${key}: false disables TLS certificate validation (man-in-the-middle).`,
          'Keep certificate validation on; trust a private CA with the `ca` option instead.',
        ),
      );
    }
    if (
      key === 'checkServerIdentity' &&
      (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) &&
      // returning an Error rejects; `return undefined` / `null` accepts like an empty body
      !/return\s+(?!(undefined|null|void)\b)\w|=>\s*new\s/.test(v.getText())
    ) {
      ctx.report(
        node,
        cryptoFinding(
          'CWE-295',
          'high',
          'checkServerIdentity accepts any certificate.',
          'Remove the override or call tls.checkServerIdentity().',
        ),
      );
    }
    return;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const key = chainKey(node.left) ?? '';
    if (/NODE_TLS_REJECT_UNAUTHORIZED$/.test(key) && ctx.constString(node.right) === '0') {
      ctx.report(
        node,
        cryptoFinding(
          'CWE-295',
          'high',
          'NODE_TLS_REJECT_UNAUTHORIZED=0 disables TLS certificate validation for the whole process.',
          'Remove it; add a private CA with NODE_EXTRA_CA_CERTS or the `ca` option.',
        ),
      );
    }
  }
}
