import ts from '../../lib/typescript.cjs';
import { functionKindList, kindTable } from './ast.js';

/** Node kinds the engine's `walk` handles itself; every other node just has its children walked. */
export const walkedSpecially = kindTable([
  ...functionKindList,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.IfStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.NewExpression,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.ReturnStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.CaseClause,
  ts.SyntaxKind.DefaultClause,
  ts.SyntaxKind.EnumDeclaration,
]);
