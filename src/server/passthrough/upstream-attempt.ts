import type { Dispatcher } from 'undici';
import type { ResolvedProvider } from '../../config/load.js';
import { ErrorCode, ShipgateError } from '../../errors.js';
import type { AttemptFn } from '../../gateway/router/attempt.js';
import { toProviderError } from '../../providers/map-error.js';
import { upstreamStatusError } from './status-error.js';
import type { UpstreamPools } from './upstream-pools.js';
import { protocolMatches, upstreamTarget, type ClientProtocol } from './upstream-target.js';
import { scanJsonBody, SseUsageScanner, type Scanned } from './usage-scan.js';
import type { WireFormat } from './wire-usage.js';

/** A committed upstream answer: the whole JSON body, or a stream whose first bytes arrived. */
export type Committed =
  | { kind: 'json'; contentType: string; bytes: Buffer; scanned: Scanned }
  | {
      kind: 'stream';
      contentType: string;
      first: Buffer;
      rest: AsyncIterator<Buffer>;
      body: Dispatcher.ResponseData['body'];
      scanner: SseUsageScanner;
    };

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

async function readCapped(body: AsyncIterable<Buffer>, cap: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of body) {
    size += part.length;
    if (size > cap) throw badResponse(`the upstream body exceeds ${cap} bytes`);
    parts.push(part);
  }
  return Buffer.concat(parts, size);
}

function badResponse(message: string): ShipgateError {
  return new ShipgateError(ErrorCode.UpstreamBadResponse, message, { retryable: true });
}

/** The request body as the upstream gets it: the client's, with the resolved model id. */
export function upstreamBody(call: UpstreamCall, modelId: string): string {
  const body: Record<string, unknown> = { ...call.body, model: modelId };
  if (call.stream && call.protocol === 'openai') {
    const given = call.body.stream_options;
    const options = given && typeof given === 'object' ? given : {};
    body.stream_options = { ...options, include_usage: true };
  }
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

async function commit(
  call: UpstreamCall,
  res: Dispatcher.ResponseData,
  onUsage: (scanned: Scanned) => void,
): Promise<Committed> {
  const contentType = String(res.headers['content-type'] ?? 'application/json');
  if (!call.stream) {
    const bytes = await readCapped(res.body, maxJsonBody);
    const scanned = scanJsonBody(call.format, bytes);
    if (!scanned) throw badResponse('the upstream answered 2xx with a body that is not JSON');
    onUsage(scanned);
    return { kind: 'json', contentType, bytes, scanned };
  }
  const rest = res.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await rest.next();
  if (first.done) throw badResponse('the upstream stream ended before any data');
  const scanner = new SseUsageScanner(call.format, () => onUsage(scanner.scanned));
  scanner.push(first.value);
  return { kind: 'stream', contentType, first: first.value, rest, body: res.body, scanner };
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
    let res: Dispatcher.ResponseData | undefined;
    try {
      res = await deps.pools.for(target.origin).request({
        method: 'POST',
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
      return await commit(call, res, (scanned) => (record.usage = scanned.usage));
    } catch (error) {
      res?.body.destroy();
      throw toProviderError(error, signal);
    } finally {
      deps.onUpstreamWait(performance.now() - started);
    }
  };
}
