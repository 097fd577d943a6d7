import ts from '../../lib/typescript.cjs';
import { memberName, unwrap } from './ast.js';
import { isCredentialName, isRealSecret, report } from './hardcoded-credentials.js';
import { isTestFile } from './rule-kit.js';
import type { SecurityRule } from './types.js';

/**
 * Hard-coded credentials that are not assigned to a credential-named variable or property:
 * a password checked against a literal (`if (password === 'hunter2!')`, a backdoor or a shared
 * default; tokens are left out, as lexers and modes compare them with keywords), and the positional password of `new Sequelize(database, user, password, options)`.
 */

const equality = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

/** Only passwords: tokens and credentials modes are compared with keywords all the time. */
const isPasswordName = (name: string): boolean =>
  isCredentialName(name) && /pass(word|wd|phrase)?$|pwd$/i.test(name);

function nameOf(e: ts.Expression): string | undefined {
  const u = unwrap(e);
  return ts.isIdentifier(u) ? u.text : memberName(u);
}

export const credentialUsesRule: SecurityRule = {
  id: 'credential-uses',
  kinds: [ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.NewExpression],
  visit(node, ctx) {
    if (isTestFile(ctx.sourceFile.fileName)) return;
    if (ts.isBinaryExpression(node) && equality.has(node.operatorToken.kind)) {
      for (const [side, other] of [
        [node.left, node.right],
        [node.right, node.left],
      ] as const) {
        const lit = unwrap(other);
        const name = nameOf(side);
        if (!ts.isStringLiteralLike(lit) || name === undefined || !isPasswordName(name)) continue;
        if (isRealSecret(lit.text))
          report(ctx, node, `The ${name} compared with a literal`, lit.text);
        return;
      }
      return;
    }
    if (!ts.isNewExpression(node) || unwrap(node.expression).getText() !== 'Sequelize') return;
    const pass = node.arguments?.[2] && unwrap(node.arguments[2]);
    if (pass && ts.isStringLiteralLike(pass) && isRealSecret(pass.text))
      report(ctx, node, "Sequelize's password argument", pass.text);
  },
};
