/**
 * A pass-through attempt under `redact.requests: true` (issue 15): the client's
 * body is masked once per call (the same vault for every fallback candidate), the
 * masked bytes go to the upstream, and the answer is restored — a JSON body whole,
 * a stream event by event — while metering still reads the upstream's own bytes.
 */
import type { AttemptFn } from '../../gateway/router/attempt.js';
import { SseRestorer } from '../../policy/sse-restorer.js';
import { redactWireBody, restoreJsonBytes } from '../../policy/wire-redaction.js';
import type { RequestRedaction } from '../../policy/request-redaction.js';
import type { WireFormat } from '../../providers/wire-usage.js';
import type { SecretDetector } from '../../secrets/detect.js';
import {
  upstreamAttempt,
  type AttemptDeps,
  type Committed,
  type UpstreamCall,
} from './upstream-attempt.js';

function restored(
  committed: Committed,
  format: WireFormat,
  redaction: RequestRedaction,
): Committed {
  if (redaction.count === 0) return committed;
  // written out, not spread with keys after it: see ADR 0046
  const { contentType } = committed;
  if (committed.kind === 'json') {
    const { scanned } = committed;
    return {
      kind: 'json',
      contentType,
      bytes: restoreJsonBytes(committed.bytes, redaction.entries),
      scanned,
    };
  }
  const rewrite = new SseRestorer(format, redaction.entries);
  const { rest, body, scanner } = committed;
  return {
    kind: 'stream',
    contentType,
    first: rewrite.push(committed.first),
    rest,
    body,
    scanner,
    rewrite,
  };
}

export function redactedUpstreamAttempt(
  deps: AttemptDeps,
  call: UpstreamCall,
  detector: () => SecretDetector,
): AttemptFn<Committed> {
  let prepared: Promise<{ attempt: AttemptFn<Committed>; redaction: RequestRedaction }> | undefined;
  const prepare = async () => {
    const { body, redaction } = await redactWireBody(detector(), call.body);
    const { protocol, format, endpoint, stream, forwardHeaders } = call;
    const redacted = { protocol, format, endpoint, body, stream, forwardHeaders };
    return { attempt: upstreamAttempt(deps, redacted), redaction };
  };
  return async (model, signal, record) => {
    prepared ??= prepare();
    const { attempt, redaction } = await prepared;
    return restored(await attempt(model, signal, record), call.format, redaction);
  };
}
