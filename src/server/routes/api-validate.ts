import { isAbsolute, normalize } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { assertWithinLimits } from '../../gates/request-limits.js';
import { errorResponses, jsonResponse, jsonSchema } from '../schemas/json-schema.js';
import { validateBodySchema, validateResultSchema } from '../schemas/native.js';
import { parseInput } from '../schemas/parse.js';
import type { ServerDeps } from '../server-deps.js';
import { recordGateRun } from './record-analytics.js';

/** File paths are relative to the root and may not climb out of it. */
function checkPath(path: string): void {
  const normal = normalize(path);
  if (isAbsolute(path) || normal.startsWith('..') || path.includes('\0'))
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `files[].path "${path}" must be relative to the root, without ".."`,
    );
}

/**
 * POST /api/validate — the validate JSON shape, through the gates pipeline in untrusted
 * mode (docs/validate.md): the server's project root and gate config, files in memory
 * only, submitted tests run in the sandbox jail, disabled gates refused.
 */
export function registerApiValidate(app: FastifyInstance, deps: ServerDeps): void {
  app.post(
    '/api/validate',
    {
      config: { permission: 'validate' },
      schema: {
        summary: 'Run quality gates on files given inline',
        tags: ['api'],
        body: jsonSchema(validateBodySchema, 'input'),
        response: {
          200: jsonResponse(validateResultSchema, 'The validate report'),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const body = parseInput(validateBodySchema, request.body, 'validate request');
      if (body.root !== undefined)
        throw new ShipgateError(
          ErrorCode.BadRequest,
          '"root" is not accepted over HTTP: files are checked against the server\'s project root; remove the field',
        );
      body.files.forEach((f) => checkPath(f.path));
      assertWithinLimits(body.files);
      const validator = await deps.validator();
      if (validator.trust !== 'untrusted')
        throw new ShipgateError(ErrorCode.Internal, 'the server was given a trusted validator');
      if (body.gates) {
        const { assertKnownGates } = await import('../../gates/pipeline.js');
        assertKnownGates(validator.gateNames, body.gates);
      }
      const report = await validator.validate(
        {
          root: deps.cwd,
          files: body.files,
          gates: body.gates,
          config: deps.runtime.config.gates,
        },
        request.shipgate.abort.signal.asAbortSignal(),
      );
      recordGateRun(deps, request, 'validate', report.gates); // issue 15: analytics
      return report;
    },
  );
}
