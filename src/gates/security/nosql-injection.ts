import ts from '../../lib/typescript.cjs';
import { isBuiltin } from 'node:module';
import {
  calleeOf,
  isStringBuilding,
  objectProperty,
  propertyNameText,
  receiverName,
  rootName,
  unwrap,
} from './ast.js';
import { isLocalService } from './local-services.js';
import { definition } from './rule-kit.js';
import type { RuleContext, SecurityRule } from './types.js';

const mongoMethods = new Set([
  'find',
  'findOne',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
  'findOneAndRemove',
  'updateOne',
  'updateMany',
  'update',
  'deleteOne',
  'deleteMany',
  'remove',
  'countDocuments',
  'count',
  'replaceOne',
  'exists',
  'distinct',
  'findAndModify',
  'aggregate',
  'where',
]);
/** Names other APIs use too (`hash.update`, `array.find`): only on a collection/model receiver. */
const genericMethods = new Set(['find', 'update', 'remove', 'count', 'distinct', 'exists']);
/** Mongoose query methods that take a filter on the query a model call returned. */
const queryMethods = new Set(['where']);
const cryptoFactories = /\bcreate(Hash|Hmac|Cipheriv|Decipheriv|Cipher|Decipher|Sign|Verify)\s*\(/;
const collectionName =
  /model$|^(db|collection|coll|col)$|collection|repo(sitory)?$|^[a-z][a-z0-9]*s$|^[A-Z][a-z0-9]+([A-Z][a-z0-9]+)*$/;
const fileModules = /^(fs-extra|graceful-fs|memfs)$/;
const mongoModules = /^(mongoose|mongodb|@nestjs\/mongoose|monk|mongojs|@typegoose\/)/;

/** `crypto.createHmac(…).update(body)`, `hmac.update(body)` with `const hmac = createHmac(…)`. */
function isCryptoObject(receiver: ts.Expression): boolean {
  return cryptoFactories.test(definition(receiver).getText());
}

/** `db.collection('u')`, `mongoose.model('U')`, `User`, `UserModel`, `this.users`. */
function isCollectionLike(receiver: ts.Expression, ctx: RuleContext): boolean {
  const def = definition(receiver);
  if (ts.isCallExpression(def) && /^(collection|model|db)$/.test(calleeOf(def)?.name ?? ''))
    return true;
  const root = rootName(receiver);
  const mod = root !== undefined ? ctx.moduleOf(root) : undefined;
  if (mod !== undefined && mongoModules.test(mod)) return true;
  // `fs.exists(path, cb)`: a Node module (or fs-extra) is no collection, whatever its name's shape
  if (mod !== undefined && (isBuiltin(mod) || fileModules.test(mod))) return false;
  return collectionName.test(receiverName(receiver));
}

/** `User.find()…` : a query a model or collection method returned (`.where(filter)` filters it). */
function isModelQuery(receiver: ts.Expression, ctx: RuleContext): boolean {
  const e = unwrap(receiver);
  if (!ts.isCallExpression(e)) return false;
  const c = calleeOf(e);
  return c?.receiver !== undefined && mongoMethods.has(c.name) && isCollectionLike(c.receiver, ctx);
}

const FIX =
  "Never pass request objects as query filters: coerce each field (String(req.body.user)), check typeof === 'string', validate with a schema, or strip operators (mongo-sanitize).";

function objectTainted(ctx: RuleContext, e: ts.Expression): string | undefined {
  const f = ctx.flow(e);
  return f.state === 'tainted' && f.taint.maybeObject ? f.taint.source : undefined;
}

/** Input that can carry query operators into a filter: the whole filter, or one of its fields. */
function filterSource(arg: ts.Expression, ctx: RuleContext): string | undefined {
  const a = unwrap(arg);
  let source: string | undefined;
  if (ts.isObjectLiteralExpression(a)) {
    for (const p of a.properties) {
      const value = ts.isPropertyAssignment(p)
        ? p.initializer
        : ts.isShorthandPropertyAssignment(p)
          ? p.name
          : ts.isSpreadAssignment(p)
            ? p.expression
            : undefined;
      if (value && !ts.isObjectLiteralExpression(unwrap(value)))
        source ??= objectTainted(ctx, value);
    }
  } else if (!ts.isArrowFunction(a) && !ts.isFunctionExpression(a)) source = objectTainted(ctx, a);
  return source;
}

/** The `$match` stages of an aggregation pipeline (`aggregate([{ $match: filter }, …])`). */
function matchStages(pipeline: ts.Expression | undefined): ts.Expression[] {
  const p = pipeline && unwrap(pipeline);
  if (!p || !ts.isArrayLiteralExpression(p)) return [];
  return p.elements.flatMap((el) => {
    const stage = unwrap(el);
    const match = ts.isObjectLiteralExpression(stage) ? objectProperty(stage, '$match') : undefined;
    return match ? [match] : [];
  });
}

function checkFilter(call: ts.CallExpression, name: string, ctx: RuleContext): void {
  const filters =
    name === 'aggregate' ? matchStages(call.arguments[0]) : call.arguments.slice(0, 1);
  let source: string | undefined;
  for (const f of filters) source ??= filterSource(f, ctx);
  if (source === undefined) return;
  ctx.report(call, {
    rule: 'nosql-injection',
    cwe: 'CWE-943',
    severity: 'high',
    message: `${name}() uses ${source} as a query filter: an object like {"$ne": null} or {"$gt": ""} changes the query.`,
    fix: FIX,
  });
}

/** `$where: js`, or the `body` of a `$function` / `$accumulator` operator: JavaScript run by the server. */
function isServerJavaScript(p: ts.PropertyAssignment): boolean {
  const name = propertyNameText(p.name);
  if (name === '$where') return true;
  if (name !== 'body') return false;
  const holder = p.parent.parent;
  return (
    ts.isPropertyAssignment(holder) &&
    /^\$(function|accumulator)$/.test(propertyNameText(holder.name) ?? '')
  );
}

function checkWhere(node: ts.Node, value: ts.Expression, what: string, ctx: RuleContext): void {
  const f = ctx.flow(value);
  const tainted = f.state === 'tainted';
  if (!tainted && !(f.state === 'unknown' && isStringBuilding(value))) return;
  ctx.report(node, {
    rule: 'nosql-injection',
    cwe: 'CWE-943',
    severity: tainted ? 'high' : 'medium',
    message: `${what} runs JavaScript built from ${tainted ? f.taint.source : 'a non-constant value'} inside the database.`,
    fix: 'Do not use $where; express the condition with query operators ($eq, $in, …) on validated values.',
  });
}

export const nosqlInjectionRule: SecurityRule = {
  id: 'nosql-injection',
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.PropertyAssignment],
  visit(node, ctx) {
    if (ts.isPropertyAssignment(node) && isServerJavaScript(node)) {
      const what = propertyNameText(node.name) === '$where' ? '$where' : '$function';
      checkWhere(node, node.initializer, what, ctx);
      return;
    }
    if (!ts.isCallExpression(node)) return;
    const r = ctx.resolveCall(node);
    // Mongoose's `Query.prototype.$where(js)`: the string form is a `$where` clause
    if (r?.receiver && r.name === '$where' && node.arguments[0]) {
      checkWhere(node, node.arguments[0], '$where()', ctx);
      return;
    }
    if (!r?.receiver || !mongoMethods.has(r.name)) return;
    if (isCryptoObject(r.receiver) || isLocalService(r.receiver)) return;
    if (queryMethods.has(r.name) && !isModelQuery(r.receiver, ctx)) return;
    if (genericMethods.has(r.name) && !isCollectionLike(r.receiver, ctx)) return;
    checkFilter(node, r.name, ctx);
  },
};
