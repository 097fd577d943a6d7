/**
 * Latency: shipgate's overhead over calling the upstream directly (same body,
 * same local upstream, interleaved), and how fast a client's cancellation
 * reaches the upstream (time from the client's abort to the upstream socket closing).
 */
import { spawn } from 'node:child_process';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { parseConfig } from '../../src/config/load.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createServer } from '../../src/server/create-server.js';

export interface Upstream {
  url: string;
  /** Resolves when the next hanging request's socket closes; the time it closed. */
  nextHangClosed(): Promise<number>;
  /** Resolves when a hanging request has arrived. */
  nextHangArrived(): Promise<void>;
  close(): Promise<void>;
}

const answer = JSON.stringify({
  id: 'cmpl-1',
  object: 'text_completion',
  created: 1,
  model: 'qwen2.5-coder',
  choices: [{ index: 0, text: 'value + 1;', finish_reason: 'stop' }],
  usage: { prompt_tokens: 40, completion_tokens: 4, total_tokens: 44 },
});

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req
      .on('data', (c: Buffer) => parts.push(c))
      .on('end', () => resolve(Buffer.concat(parts).toString()));
  });
}

/** An instant OpenAI-compatible /completions server; prompts containing HANG never get an answer. */
export async function startUpstream(): Promise<Upstream> {
  const arrived: Array<() => void> = [];
  const closed: Array<(at: number) => void> = [];
  const server: Server = createHttpServer((req, res) => {
    void readBody(req).then((body) => {
      if (body.includes('HANG')) {
        arrived.shift()?.();
        res.on('close', () => closed.shift()?.(performance.now()));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    nextHangArrived: () => new Promise((r) => arrived.push(r)),
    nextHangClosed: () => new Promise((r) => closed.push(r)),
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

export async function startShipgate(upstreamUrl: string, home: string) {
  const config = parseConfig(
    {
      home,
      storage: { url: `sqlite:${home}/bench.db` },
      providers: { local: { kind: 'openai-compatible', baseUrl: upstreamUrl } },
      models: { coder: { provider: 'local', model: 'qwen2.5-coder-7b' } },
      cache: { persist: false },
      logging: { level: 'silent' },
    },
    'bench',
  );
  const runtime: Runtime = await createRuntime(config);
  const app = await createServer({ runtime });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    async close() {
      app.server.closeAllConnections();
      await app.close();
      await runtime.close();
    },
  };
}

/** The same server in a child process (the bench client must not share its event loop). */
export async function startShipgateChild(upstreamUrl: string, home: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./serve-child.ts', import.meta.url).pathname, upstreamUrl, home],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (code) => reject(new Error(`shipgate exited with ${code}`)));
  });
  return {
    url,
    close: () => new Promise<void>((r) => (child.once('exit', () => r()), child.stdin.end())),
  };
}

async function post(
  url: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<{ status: number; overheadMs: number }> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  await res.body.text();
  return {
    status: res.statusCode,
    overheadMs: Number(res.headers['x-shipgate-overhead-ms'] ?? NaN),
  };
}

export interface OverheadSample {
  direct: number[];
  viaShipgate: number[];
  /** What the server reports as its own time (`x-shipgate-overhead-ms`: total minus upstream). */
  serverReported: number[];
  errors: number;
}

/** `n` interleaved pairs; every shipgate request has a new prefix (no cache hits). */
const failed = { status: 0, overheadMs: Number.NaN };

export async function measureOverhead(
  upstream: string,
  shipgate: string,
  n: number,
): Promise<OverheadSample> {
  const out: OverheadSample = { direct: [], viaShipgate: [], serverReported: [], errors: 0 };
  for (let i = -50; i < n; i += 1) {
    const prefix = `function f${i}(value: number): number {\n  return `;
    const prompt = `<|fim_prefix|>${prefix}<|fim_suffix|>\n}\n<|fim_middle|>`;
    let t = performance.now();
    const a = await post(`${upstream}/completions`, {
      model: 'qwen2.5-coder-7b',
      prompt,
      max_tokens: 128,
      temperature: 0,
    }).catch(() => failed);
    const direct = performance.now() - t;
    t = performance.now();
    const b = await post(`${shipgate}/api/complete`, {
      prefix,
      suffix: '\n}\n',
      model: 'coder',
    }).catch(() => failed);
    const via = performance.now() - t;
    if (i < 0) continue;
    if (a.status !== 200 || b.status !== 200) out.errors += 1;
    out.direct.push(direct);
    out.viaShipgate.push(via);
    out.serverReported.push(b.overheadMs);
  }
  return out;
}

/** Time from the client's abort to the upstream seeing its request's socket close. */
export async function measureCancellation(up: Upstream, shipgate: string, n: number) {
  const delays: number[] = [];
  let timeouts = 0;
  for (let i = 0; i < n; i += 1) {
    const controller = new AbortController();
    const arrived = up.nextHangArrived();
    const closed = up.nextHangClosed();
    const pending = post(
      `${shipgate}/api/complete`,
      { prefix: `HANG ${i} `, model: 'coder' },
      controller.signal,
    ).catch(() => failed);
    await arrived;
    const abortedAt = performance.now();
    controller.abort();
    const at = await Promise.race([
      closed,
      new Promise<null>((r) => setTimeout(() => r(null), 1_000)),
    ]);
    if (at === null) timeouts += 1;
    else delays.push(at - abortedAt);
    await pending;
  }
  return { delays, timeouts };
}
