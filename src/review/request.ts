import { isAbsolute, normalize } from 'node:path';
import type { GatesConfig } from '../config/gates-schema.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import type { Validator } from '../gates/pipeline.js';
import { inlineContent } from './git-source.js';
import { createModelReviewer, type ReviewGateway } from './model/model-reviewer.js';
import { loadLintKinds, type LintKindLookup } from './review-severity.js';
import { runReview } from './run-review.js';
import type { ReviewRequest } from './request-schema.js';
import type { ReviewResult } from './types.js';

export interface ReviewRequestDeps {
  validator: Validator;
  /** Present when a model provider is configured. */
  gateway?: ReviewGateway;
  root: string;
  gatesConfig: GatesConfig;
  caller: string;
  signal?: AbortSignal;
}

let lintKinds: Promise<LintKindLookup> | undefined;

function checkPath(path: string): void {
  if (isAbsolute(path) || normalize(path).startsWith('..') || path.includes('\0'))
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `files[].path "${path}" must be relative, without ".."`,
    );
}

/** Reviews a diff given inline: the service behind `POST /api/review` (and its async job). */
export async function reviewFromRequest(
  body: ReviewRequest,
  deps: ReviewRequestDeps,
): Promise<ReviewResult> {
  body.files.forEach((file) => checkPath(file.path));
  if (body.gates) {
    const { assertKnownGates } = await import('../gates/pipeline.js');
    assertKnownGates(deps.validator.gateNames, body.gates);
  }
  if (typeof body.model === 'string' && !deps.gateway)
    throw new ShipgateError(
      ErrorCode.NoProvider,
      `model "${body.model}" needs a configured model provider; omit "model" or send false`,
    );
  lintKinds ??= loadLintKinds();
  const model =
    body.model !== false && deps.gateway
      ? createModelReviewer({
          gateway: deps.gateway,
          model: body.model || undefined,
          caller: deps.caller,
        })
      : undefined;
  return runReview(
    {
      diff: body.diff,
      base: body.base ?? null,
      head: body.head ?? null,
      root: deps.root,
      content: inlineContent(
        new Map(body.files.map((f) => [normalize(f.path).split('\\').join('/'), f.content])),
      ),
      gates: body.gates,
      failOn: body.failOn,
      config: deps.gatesConfig,
      signal: deps.signal,
    },
    { validator: deps.validator, lintKind: await lintKinds, model },
  );
}
