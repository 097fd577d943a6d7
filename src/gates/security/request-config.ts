import type ts from '../../lib/typescript.cjs';
import { lastProperty, unwrittenLiteral } from './object-members.js';

/**
 * The request config object of an HTTP client call (`axios(options)`, `https.request(opts)`):
 * an object literal written in place or held in a variable, and the expression that gives its
 * target (`url`, `uri`, `hostname`, `host`). A config built in a variable with a fixed URL and
 * input only in its body or headers (`{ url: 'https://api.example.com', data: req.body }`) sends
 * the input to a fixed place: only the target decides where the request goes.
 */

const targetKeys = new Set(['url', 'uri', 'hostname', 'host']);

/** The config object literal an argument is (in place, or a variable's whose target is not reassigned). */
export const configObject = (arg: ts.Expression): ts.ObjectLiteralExpression | undefined =>
  unwrittenLiteral(arg, targetKeys);

/**
 * The expression that sets the config's target: the last `url`/`uri`/`hostname`/`host` property,
 * looking into spreads of object literals; a spread of anything else may carry a target and is
 * returned itself (`axios({ ...req.body.options })`).
 */
export const configTarget = (obj: ts.ObjectLiteralExpression): ts.Expression | undefined =>
  lastProperty(obj, targetKeys);
