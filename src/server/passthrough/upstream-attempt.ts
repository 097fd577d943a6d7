import type { ResolvedProvider } from '../../config/load.js';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { AttemptFn, AttemptRecord } from '../../gateway/router/attempt.js';
import { toProviderError } from '../../providers/map-error.js';
import { upstreamStatusError } from './status-error.js';
import type { UpstreamPools } from './upstream-pools.js';
import { protocolMatches, upstreamTarget, type ClientProtocol } from './upstream-target.js';
import type { WireFormat } from '../../providers/wire-usage.js';
import { scanJsonBody, SseUsageScanner, type Scanned } from './usage-scan.js';
import type { UpstreamBody } from './upstream-body.js';
import { postUpstream, type UpstreamResponse } from './upstream-exchange.js';

/** A committed upstream answer: the whole JSON body, or a stream whose first bytes arrived. */
export type Committed =
  | { kind: 'json'; contentType: string; bytes: Buffer; scanned: Scanned }
  | {
      kind: 'stream';
      contentType: string;
      first: Buffer;
      rest: AsyncIterator<Buffer>;
      body: UpstreamBody;
      scanner: SseUsageScanner;
      /** Rewrites the bytes the client gets (redaction's restore); the scanner sees the upstream's. */
      rewrite?: ByteRewrite;
    };

/** A stateful rewrite of a byte stream: each chunk in, bytes out; `end` returns what it held. */
export interface ByteRewrite {
  push(chunk: Buffer): Buffer;
  end(): Buffer;
}

export interface UpstreamCall {
  protocol: ClientProtocol;
  format: WireFormat;
  endpoint: string;
  body: Record<string, unknown>;
  stream: boolean;
  forwardHeaders: Record<string, string>;
}

export interface AttemptDeps {
  providers: Record<string, ResolvedProvider>;
  pools: UpstreamPools;
  /** Adds time spent waiting on the upstream (kept out of the overhead figure). */
  onUpstreamWait: (ms: number) => void;
}

const maxErrorBody = 64 * 1024;
const maxJsonBody = 64 * 1024 * 1024;
/** Stream bytes held back while waiting for content (an error event here still falls back). */
const maxPreamble = 64 * 1024;

async function readCapped(body: UpstreamBody, cap: number): Promise<Buffer> {
  return body.collect(cap, () => badResponse(`the upstream body exceeds ${cap} bytes`));
}

function badResponse(message: string): ShipgateError {
  return new ShipgateError(ErrorCode.UpstreamBadResponse, message, { retryable: true });
}

/** The request body as the upstream gets it: the client's, with the resolved model id. */
export function upstreamBody(call: UpstreamCall, modelId: string): string {
  if (!(call.stream && call.protocol === 'openai'))
    // eslint-disable-next-line no-restricted-syntax -- replaces the client's model key
    return JSON.stringify({ ...call.body, model: modelId });
  // Keys that may be new go before the spread: on Node 20 a key added to a spread's copy
  // costs ~1.5 µs and leaves garbage that outlives young collections (ADR 0046). Not
  // Object.assign: a client's "__proto__" key would set the copy's prototype.
  // eslint-disable-next-line no-restricted-syntax -- replaces the client's model key
  const body: Record<string, unknown> = { stream_options: null, ...call.body, model: modelId };
  const given = call.body.stream_options;
  const options = { include_usage: true, ...(given && typeof given === 'object' ? given : {}) };
  options.include_usage = true;
  body.stream_options = options;
  return JSON.stringify(body);
}

function providerFor(deps: AttemptDeps, call: UpstreamCall, name: string): ResolvedProvider {
  const provider = deps.providers[name];
  if (!provider)
    throw new ShipgateError(ErrorCode.NoProvider, `provider "${name}" is not configured`);
  if (!protocolMatches(call.protocol, provider.kind))
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `provider ${name} (${provider.kind}) does not speak the ${call.protocol} protocol`,
    );
  return provider;
}

async function commitJson(
  call: UpstreamCall,
  res: UpstreamResponse,
  record: AttemptRecord,
): Promise<Committed> {
  const contentType = String(res.headers['content-type'] ?? 'application/json');
  try {
    const bytes = await readCapped(res.body, maxJsonBody);
    const scanned = scanJsonBody(call.format, bytes);
    if (!scanned) throw badResponse('the upstream answered 2xx with a body that is not JSON');
    record.usage = scanned.usage;
    return { kind: 'json', contentType, bytes, scanned };
  } catch (error) {
    // the upstream answered (and billed) but the body is cut or broken: meter what arrived
    record.received = Buffer.concat(res.body.received).toString('utf8');
    throw error;
  }
}

/**
 * Commits a stream once content arrives: the preamble (role chunk, message_start,
 * pings) is held back, so an error event before any content is a failed attempt
 * the router can retry or fall back from, not a broken stream.
 */
async function commitStream(
  call: UpstreamCall,
  res: UpstreamResponse,
  record: AttemptRecord,
): Promise<Committed> {
  const contentType = String(res.headers['content-type'] ?? 'text/event-stream');
  const rest = res.body;
  const scanner = new SseUsageScanner(call.format, () => (record.usage = scanner.scanned.usage));
  const parts: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await rest.next();
    if (next.done) break;
    parts.push(next.value);
    size += next.value.length;
    scanner.push(next.value);
    const { scanned } = scanner;
    if (scanned.error) {
      record.received = scanned.text;
      throw new ShipgateError(
        ErrorCode.UpstreamError,
        `the upstream stream failed before any content: ${scanned.error}`,
        { retryable: true },
      );
    }
    if (scanned.content || scanned.complete || size >= maxPreamble) break;
  }
  if (parts.length === 0) throw badResponse('the upstream stream ended before any data');
  const first = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, size);
  return { kind: 'stream', contentType, first, rest, body: res.body, scanner };
}

/** One pass-through attempt: POST the body to the model's upstream; commits on 2xx + first bytes. */
export function upstreamAttempt(deps: AttemptDeps, call: UpstreamCall): AttemptFn<Committed> {
  return async (model, signal, record) => {
    const provider = providerFor(deps, call, model.provider);
    const target = upstreamTarget({
      provider,
      endpoint: call.endpoint,
      forward: call.forwardHeaders,
    });
    const started = performance.now();
    let res: UpstreamResponse | undefined;
    try {
      res = await postUpstream(deps.pools.for(target.origin), {
        origin: target.origin,
        path: target.path,
        headers: target.headers,
        body: upstreamBody(call, model.modelId),
        signal,
      });
      if (res.statusCode < 200 || res.statusCode >= 300) {
        const text = (
          await readCapped(res.body, maxErrorBody).catch(() => Buffer.alloc(0))
        ).toString();
        throw upstreamStatusError(res.statusCode, res.headers, text);
      }
      return call.stream
        ? await commitStream(call, res, record)
        : await commitJson(call, res, record);
    } catch (error) {
      res?.body.destroy();
      throw toProviderError(error, signal);
    } finally {
      deps.onUpstreamWait(performance.now() - started);
    }
  };
}
