import { describe, expect, it } from 'vitest';
import { analyzeSource } from './analyze.js';

/**
 * Parameter decorators of TypeScript controller frameworks beyond NestJS, read from their docs:
 * routing-controllers (`@QueryParam`, `@HeaderParam`, `@CookieParam`, `@BodyParam`…), tsoa
 * (`@Path`, `@Header`, `@FormField`) and inversify-express-utils (`@queryParam`,
 * `@requestParam`, `@requestBody`, `@requestHeaders`, `@cookies`). A parameter of unknown origin
 * would be reported at a lower severity: `critical` says the value is known request input.
 */

const found = (code: string): string[] =>
  analyzeSource('controller.ts', code).map((f) => `${f.rule}:${f.line}:${f.severity}`);

const controller = (decorator: string, sink: string): string =>
  [
    "import { exec } from 'node:child_process';",
    'export class ToolsController {',
    `  run(${decorator} value: string) {`,
    `    ${sink};`,
    '  }',
    '}',
  ].join('\n');

const cases: [string, string][] = [
  ['routing-controllers @QueryParam', "@QueryParam('dir')"],
  ['routing-controllers @HeaderParam', "@HeaderParam('x-dir')"],
  ['routing-controllers @CookieParam', "@CookieParam('dir')"],
  ['routing-controllers @BodyParam', "@BodyParam('dir')"],
  ['tsoa @Path', '@Path()'],
  ['tsoa @Header', "@Header('x-dir')"],
  ['inversify @queryParam', "@queryParam('dir')"],
  ['inversify @requestParam', "@requestParam('dir')"],
];

describe('security gate: controller parameter decorators', () => {
  for (const [what, decorator] of cases) {
    it(`${what} is request input`, () => {
      expect(found(controller(decorator, "exec('ls ' + value)"))).toContain(
        'command-injection:4:critical',
      );
      expect(found(controller(decorator, "exec('ls ' + JSON.stringify(Number(value)))"))).toEqual(
        [],
      );
    });
  }

  it('inversify @requestBody() may be an object', () => {
    const code = controller('@requestBody()', 'eval(value.code)');
    expect(found(code)).toContain('code-injection:4:critical');
  });
});
