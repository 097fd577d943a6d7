import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { MAX_JSON_DEPTH, jsonDepth } from './json-depth.js';

export interface BodyLimits {
  bodyLimitBytes: number;
  /** A body that has not fully arrived this long after the headers gets 408. */
  bodyTimeoutMs: number;
}

/** A Fastify-native-shaped error (statusCode + FST_ code) for the error handler. */
function requestTimeout(ms: number): Error {
  return Object.assign(new Error(`the request body did not arrive within ${ms} ms`), {
    statusCode: 408,
    code: 'FST_ERR_REQUEST_TIMEOUT',
  });
}

function tooLarge(limit: number): ShipgateError {
  return new ShipgateError(
    ErrorCode.PayloadTooLarge,
    `the request body is larger than the ${limit}-byte limit (server.bodyLimitBytes)`,
  );
}

/** Reads the whole body under a size limit and a deadline. */
export function readBody(payload: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const declared = Number(payload.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.bodyLimitBytes)
    return Promise.reject(tooLarge(limits.bodyLimitBytes));
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const finish = (error: Error | null): void => {
      clearTimeout(timer);
      payload.off('data', onData).off('end', onEnd).off('error', onError);
      if (error) {
        payload.resume();
        reject(error);
      } else resolve(Buffer.concat(parts, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limits.bodyLimitBytes) finish(tooLarge(limits.bodyLimitBytes));
      else parts.push(chunk);
    };
    const onEnd = (): void => finish(null);
    const onError = (error: Error): void => finish(error);
    const timer = setTimeout(
      () => finish(requestTimeout(limits.bodyTimeoutMs)),
      limits.bodyTimeoutMs,
    );
    payload.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Strict JSON: valid UTF-8, valid JSON, else a 400 naming the problem. */
export function parseJsonBody(bytes: Buffer): unknown {
  if (bytes.length === 0)
    throw new ShipgateError(ErrorCode.BadRequest, 'the request body is empty; send a JSON object');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    throw new ShipgateError(ErrorCode.BadRequest, 'the request body is not valid UTF-8', {
      cause,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : 'syntax error';
    throw new ShipgateError(ErrorCode.BadRequest, `the request body is not valid JSON: ${detail}`, {
      cause,
    });
  }
  // each level takes an opening and a closing bracket: a short body cannot be too deep
  if (text.length > 2 * MAX_JSON_DEPTH && jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `the request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep; flatten it`,
    );
  return body;
}

/** Replaces Fastify's parsers: JSON only (any `application/*+json` too), strict, bounded. */
export function installJsonBody(app: FastifyInstance, limits: BodyLimits): void {
  app.removeAllContentTypeParsers();
  const parse = async (_request: unknown, payload: IncomingMessage): Promise<unknown> =>
    parseJsonBody(await readBody(payload, limits));
  app.addContentTypeParser('application/json', parse);
  app.addContentTypeParser(/^application\/[\w.+-]*\+json$/, parse);
}
