import ts from '../../lib/typescript.cjs';
import { calleeOf } from './ast.js';
import { taintedFlow } from './sources.js';
import type { Flow } from './types.js';

/**
 * Parameter decorators that inject request input into controller methods: NestJS, GraphQL
 * resolvers (NestJS GraphQL, type-graphql), routing-controllers, tsoa and inversify-express-utils.
 */

const REQUEST: Flow = { state: 'object', kind: 'request' };

const requestDecorators = new Set([
  'Query',
  'Param',
  'Body',
  'Headers',
  'Cookies',
  'UploadedFile',
  'UploadedFiles',
  'Ip',
  'HostParam',
  // GraphQL resolver arguments: @Args() (NestJS GraphQL), @Arg()/@Args() (type-graphql)
  'Args',
  'Arg',
  // routing-controllers
  'QueryParam',
  'QueryParams',
  'HeaderParam',
  'HeaderParams',
  'CookieParam',
  'CookieParams',
  'BodyParam',
  'Params',
  // tsoa
  'Path',
  'Header',
  'FormField',
  // inversify-express-utils
  'requestParam',
  'queryParam',
  'requestBody',
  'requestHeaders',
  'cookies',
]);

/** Decorators whose value may be an object (a body, a whole query string). */
const objectDecorators = new Set([
  'Body',
  'Query',
  'Args',
  'Arg',
  'QueryParams',
  'requestBody',
  'Params',
]);

/** NestJS-style parameter decorators: `@Query('q') q`, `@Body() dto`, `@Req() req`, `@Args('id') id`. */
export function decoratedParamFlow(p: ts.ParameterDeclaration): Flow | undefined {
  for (const d of ts.getDecorators(p) ?? []) {
    const e = d.expression;
    const name = ts.isCallExpression(e)
      ? calleeOf(e)?.name
      : ts.isIdentifier(e)
        ? e.text
        : undefined;
    if (name === 'Req' || name === 'Request' || name === 'request') return REQUEST;
    if (name !== undefined && requestDecorators.has(name))
      return taintedFlow(`@${name}()`, 'remote', objectDecorators.has(name));
  }
  return undefined;
}
