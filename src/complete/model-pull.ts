/**
 * `shipgate models pull`: downloads a model file into $SHIPGATE_HOME/models with
 * resume (HTTP Range from a `.part` file, retried when the connection is cut),
 * a sha256 check, and an atomic rename: a file under its final name is complete.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { ErrorCode, ShipgateError } from '../errors.js';

export interface PullOptions {
  url: string;
  /** Folder the file goes into ($SHIPGATE_HOME/models). */
  dir: string;
  sha256?: string;
  /** File name stem (an alias): saved as `<as>.gguf`. */
  as?: string;
  signal?: AbortSignal;
  onProgress?: (received: number, total: number | null) => void;
  /** Attempts in a row that may fail without receiving a byte (default 5). */
  maxStalls?: number;
  retryDelayMs?: number;
}

export interface PullResult {
  path: string;
  bytes: number;
  sha256: string;
  /** HTTP requests made (1 when nothing was cut). */
  requests: number;
  /** Bytes already on disk from an earlier, interrupted pull. */
  resumedFrom: number;
}

const safeName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

export function fileNameFor(url: string, as?: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ShipgateError(ErrorCode.BadRequest, `"${url}" is not a URL (http:// or https://)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ShipgateError(ErrorCode.BadRequest, `only http:// and https:// URLs can be pulled`);
  const name = as ? `${as}.gguf` : decodeURIComponent(basename(parsed.pathname));
  if (!safeName.test(name))
    throw new ShipgateError(
      ErrorCode.BadRequest,
      `cannot derive a file name from ${url}; pass --as ALIAS (letters, digits, . _ -)`,
    );
  return name;
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (s) => s.size,
    () => 0,
  );
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

interface Step {
  done: boolean;
  total: number | null;
}

/** Writes the body to `part`; when the connection is cut, keeps (flushes) what arrived and says false. */
function writeAll(body: Readable, part: string, append: boolean): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(part, { flags: append ? 'a' : 'w' });
    file.on('error', reject);
    body.once('error', () => {
      body.unpipe(file);
      file.end(() => resolve(false));
    });
    file.once('finish', () => resolve(true));
    body.pipe(file);
  });
}

/** One request from `have` on; appends to `part`. Throws on HTTP errors, returns on a cut body. */
async function fetchFrom(options: PullOptions, part: string, have: number): Promise<Step> {
  const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {};
  const res = await fetch(options.url, { headers, signal: options.signal, redirect: 'follow' });
  if (res.status === 416) {
    await res.body?.cancel();
    return { done: true, total: have };
  }
  if ((res.status !== 200 && res.status !== 206) || !res.body) {
    await res.body?.cancel();
    throw new ShipgateError(
      res.status >= 500 ? ErrorCode.UpstreamError : ErrorCode.BadRequest,
      `GET ${options.url} answered ${res.status}`,
      { retryable: res.status >= 500, upstreamStatus: res.status },
    );
  }
  const resumed = res.status === 206;
  const length = Number(res.headers.get('content-length') ?? NaN);
  const total = Number.isFinite(length) ? (resumed ? have : 0) + length : null;
  let received = resumed ? have : 0;
  const body = Readable.fromWeb(res.body as WebStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => {
    received += chunk.length;
    options.onProgress?.(received, total);
  });
  const complete = await writeAll(body, part, resumed);
  if (!complete && options.signal?.aborted) throw options.signal.reason;
  return { done: complete && (total === null || received >= total), total };
}

async function download(options: PullOptions, part: string): Promise<{ requests: number }> {
  const maxStalls = options.maxStalls ?? 5;
  let stalls = 0;
  let requests = 0;
  for (;;) {
    const have = await sizeOf(part);
    requests += 1;
    let step: Step;
    try {
      step = await fetchFrom(options, part, have);
    } catch (error) {
      const retry = error instanceof ShipgateError ? error.isRetryable : !options.signal?.aborted;
      if (!retry) throw error;
      step = { done: false, total: null };
    }
    if (step.done) return { requests };
    stalls = (await sizeOf(part)) > have ? 0 : stalls + 1;
    if (stalls >= maxStalls)
      throw new ShipgateError(
        ErrorCode.UpstreamError,
        `download of ${options.url} keeps failing (${stalls} attempts without progress); run the same command again to resume`,
      );
    await new Promise((r) => setTimeout(r, (options.retryDelayMs ?? 250) * Math.max(1, stalls)));
  }
}

export async function pullModel(options: PullOptions): Promise<PullResult> {
  const name = fileNameFor(options.url, options.as);
  const expected = options.sha256?.toLowerCase();
  if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected))
    throw new ShipgateError(ErrorCode.BadRequest, '--sha256 must be 64 hexadecimal characters');
  await mkdir(options.dir, { recursive: true });
  const path = join(options.dir, name);
  const part = `${path}.part`;
  const resumedFrom = await sizeOf(part);
  const { requests } = await download(options, part);
  const sha256 = await sha256Of(part);
  if (expected && sha256 !== expected) {
    await rm(part, { force: true });
    throw new ShipgateError(
      ErrorCode.TaskFailed,
      `sha256 mismatch for ${name}: expected ${expected}, got ${sha256}; the download was removed`,
    );
  }
  await rename(part, path);
  return { path, bytes: await sizeOf(path), sha256, requests, resumedFrom };
}
