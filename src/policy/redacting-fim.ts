/**
 * `redact.requests: true` for the FIM path (`/api/complete`, `/v1/completions`
 * with `suffix`, the LSP): the raw prompt and the infill prefix/suffix are masked
 * with one vault before the engine sends them, and the completion is restored.
 * One vault per call, so the same secret gets the same placeholder in the prompt
 * and in the infill parts.
 */
import type { FimEngine } from '../complete/fim-upstream.js';
import type { SecretDetector } from '../secrets/detect.js';
import { RequestRedaction } from './request-redaction.js';

export function redactingFimEngine(inner: FimEngine, detector: SecretDetector): FimEngine {
  return async (call) => {
    const { prompt, infill } = call;
    const redaction = new RequestRedaction(detector, [prompt, infill.prefix, infill.suffix]);
    const masked = {
      ...call,
      prompt: await redaction.redact(prompt),
      infill: {
        prefix: await redaction.redact(infill.prefix),
        suffix: await redaction.redact(infill.suffix),
      },
    };
    // a secret first found in a later part may sit undetected in an earlier one
    if (redaction.count > 0) masked.prompt = await redaction.redact(masked.prompt);
    const output = await inner(masked);
    return redaction.count === 0 ? output : { ...output, text: redaction.restore(output.text) };
  };
}
