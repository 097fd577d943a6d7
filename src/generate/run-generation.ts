/**
 * Runs one generation the same way for the CLI, the server and a job: loads the
 * heavy parts (templates, sandbox) on first use, checks the gate names, asks for
 * structured output when the model supports JSON, and runs the repair loop.
 */
import type { GatesConfig } from '../config/gates-schema.js';
import type { ContextIndexCache } from '../context/context-index-cache.js';
import type { Validator } from '../gates/pipeline.js';
import { modelSupportsJson, type ModelLookup } from './structured-output.js';
import type { GenerateRequest, GenerateResult, ModelCaller, ProgressEvent } from './types.js';

export interface GenerationDeps {
  gateway: ModelCaller;
  registry: ModelLookup;
  validator: Validator;
  gatesConfig: GatesConfig;
  /**
   * Parses, indexes and the tokenizer reused across generations (building the
   * tokenizer alone costs ~1 s); a long-lived process passes one.
   */
  index?: ContextIndexCache;
}

export async function runGeneration(
  request: GenerateRequest,
  deps: GenerationDeps,
  onProgress?: (event: ProgressEvent) => void,
): Promise<GenerateResult> {
  const [{ generateCode }, { renderPrompt }, { createSandbox }, { assertKnownGates }] =
    await Promise.all([
      import('./loop.js'),
      import('../templates/render.js'),
      import('../sandbox/index.js'),
      import('../gates/pipeline.js'),
    ]);
  if (request.gates) assertKnownGates(deps.validator.gateNames, request.gates);
  const structuredOutput = modelSupportsJson(deps.registry, request.model);
  return generateCode(
    { ...request, structuredOutput },
    {
      gateway: deps.gateway,
      validator: deps.validator,
      render: (input) => renderPrompt(input, deps.index ? { index: deps.index } : {}),
      sandbox: createSandbox().run,
      gatesConfig: deps.gatesConfig,
    },
    onProgress,
  );
}
