import { ErrorCode, ShipgateError } from '../../errors.js';
import type { CommittedStream } from '../../gateway/attempts.js';
import type { Gateway } from '../../gateway/gateway.js';
import type { AttemptFn } from '../../gateway/router/attempt.js';
import type { GenerateOutput, ModelRequest } from '../../gateway/types.js';
import type { SecretDetector } from '../../secrets/detect.js';
import type { WireRenderer } from '../translate/wire-renderer.js';
import {
  upstreamAttempt,
  type AttemptDeps,
  type Committed,
  type UpstreamCall,
} from './upstream-attempt.js';
import { redactedUpstreamAttempt } from './redacted-attempt.js';
import { protocolMatches, type ClientProtocol } from './upstream-target.js';

/** How one attempt answered: the upstream's bytes, or a translated (AI SDK) answer. */
export type Answer =
  | { via: 'bytes'; committed: Committed }
  | { via: 'translated-json'; output: GenerateOutput; render: WireRenderer }
  | { via: 'translated-stream'; stream: CommittedStream; render: WireRenderer };

/** What a candidate in the other protocol needs, or why the request cannot be translated. */
export type Translation =
  { request: ModelRequest; render: () => WireRenderer } | { error: ShipgateError };

export interface MixedCall {
  client: ClientProtocol;
  upstream: UpstreamCall;
  translation: Translation;
}

export interface MixedDeps extends AttemptDeps {
  gateway: Gateway;
  /** issue 15: set under `redact.requests` — bodies are masked, answers restored (redacted-attempt.ts). */
  redactWith?: () => SecretDetector;
}

/** True when a candidate on `providerName` can serve this call (bytes, or a translation). */
export function canServe(
  deps: Pick<MixedDeps, 'providers'>,
  call: MixedCall,
  providerName: string,
): boolean {
  const provider = deps.providers[providerName];
  if (!provider) return false;
  return protocolMatches(call.client, provider.kind) || 'request' in call.translation;
}

/**
 * One attempt, decided per candidate (issue 10.1): the same protocol passes the
 * client's bytes through; the other goes through the AI SDK provider and is
 * rendered back in the client's protocol. So an OpenAI-shaped request can fall back
 * to an Anthropic upstream and back within one call.
 */
export function mixedAttempt(deps: MixedDeps, call: MixedCall): AttemptFn<Answer> {
  const bytes = deps.redactWith
    ? redactedUpstreamAttempt(deps, call.upstream, deps.redactWith)
    : upstreamAttempt(deps, call.upstream);
  const { translation } = call;
  const provider =
    'request' in translation ? deps.gateway.providerAttempts(translation.request) : null;
  return async (model, signal, record) => {
    const kind = deps.providers[model.provider]?.kind;
    if (kind && protocolMatches(call.client, kind)) {
      return { via: 'bytes', committed: await bytes(model, signal, record) };
    }
    if (!provider || !('request' in translation)) {
      throw 'error' in translation
        ? translation.error
        : new ShipgateError(ErrorCode.NoProvider, `provider "${model.provider}" is not configured`);
    }
    const started = performance.now();
    try {
      if (call.upstream.stream) {
        const stream = await provider.stream(model, signal, record);
        return { via: 'translated-stream', stream, render: translation.render() };
      }
      const output = await provider.generate(model, signal, record);
      return { via: 'translated-json', output, render: translation.render() };
    } finally {
      deps.onUpstreamWait(performance.now() - started);
    }
  };
}
