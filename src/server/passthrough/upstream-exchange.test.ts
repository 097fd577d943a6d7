import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Pool, type Dispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postUpstream, type UpstreamRequest } from './upstream-exchange.js';
import { UpstreamPools } from './upstream-pools.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** A small POST of `{}` to `at` through `dispatcher`, never aborted. */
const postTo = (dispatcher: Dispatcher, at: string): ReturnType<typeof postUpstream> =>
  postUpstream(dispatcher, {
    origin: at,
    path: '/v1/x',
    headers: {},
    body: '{}',
    signal: new AbortController().signal,
  });

describe('postUpstream over a real socket', () => {
  let server: Server;
  let origin: string;
  let pool: Pool;
  let route: Route = (_req, res) => res.end();
  const closed: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.on('close', () => closed.push(res.writableFinished ? 'finished' : 'cut'));
      route(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    pool = new Pool(origin, { connections: 4 });
  });
  afterEach(() => (closed.length = 0));
  afterAll(async () => {
    await pool.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (
    signal = new AbortController().signal,
  ): Promise<Awaited<ReturnType<typeof postUpstream>>> =>
    postUpstream(pool, {
      origin,
      path: '/v1/x',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
      signal,
    } satisfies UpstreamRequest);

  const until = async (done: () => boolean): Promise<void> => {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  };

  it('sends the body and collects the whole answer', async () => {
    route = (req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (p: Buffer) => parts.push(p));
      req.on('end', () => {
        res.writeHead(201, {
          'content-type': 'application/json',
          'x-seen': String(Buffer.concat(parts)),
        });
        res.write('{"b":');
        setTimeout(() => res.end('2}'), 10);
      });
    };
    const res = await post();
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-seen']).toBe('{"a":1}');
    const bytes = await res.body.collect(1024, () => new Error('too large'));
    expect(bytes.toString()).toBe('{"b":2}');
  });

  it('rejects a body past the cap, keeps what arrived and closes the upstream request', async () => {
    route = (_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write(Buffer.alloc(1000, 120)), 2);
      res.on('close', () => clearInterval(timer));
    };
    const res = await post();
    await expect(res.body.collect(5000, () => new Error('too large'))).rejects.toThrow('too large');
    expect(Buffer.concat(res.body.received).length).toBeGreaterThan(5000);
    await until(() => closed.length > 0);
    expect(closed).toEqual(['cut']);
  });

  it('pauses the socket while a slow reader has 64 KB unread, and delivers every byte in order', async () => {
    let sent = 0;
    route = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const pump = (): void => {
        while (sent < 4000) {
          const ok = res.write(Buffer.alloc(4096, sent % 251));
          sent += 1;
          if (!ok) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    };
    const res = await post();
    await new Promise((r) => setTimeout(r, 200)); // nothing read: the server must stall
    // unpaused, the client would have read all 16 MB into memory by now
    expect(sent).toBeLessThan(4000);
    let total = 0;
    let chunks = 0;
    let misplaced = 0;
    for await (const chunk of res.body) {
      // every 4,096-byte block holds its own index mod 251: blocks arrive in order
      for (let at = (4096 - (total % 4096)) % 4096; at < chunk.length; at += 4096)
        if (chunk[at] !== ((total + at) / 4096) % 251) misplaced += 1;
      total += chunk.length;
      chunks += 1;
    }
    expect(misplaced).toBe(0);
    expect(total).toBe(4000 * 4096);
    expect(chunks).toBeGreaterThan(1);
  });

  it('aborts before the headers with the signal reason and cuts the upstream request', async () => {
    let arrived = false;
    route = () => (arrived = true); // never answers
    const controller = new AbortController();
    const pending = post(controller.signal);
    await until(() => arrived);
    controller.abort(new Error('deadline'));
    await expect(pending).rejects.toThrow('deadline');
    await until(() => closed.length > 0);
    expect(closed).toEqual(['cut']);
  });

  it('rejects a request whose signal was aborted before it left the pool, unsent', async () => {
    let arrived = false;
    route = (_req, res) => {
      arrived = true;
      res.end();
    };
    const controller = new AbortController();
    controller.abort(new Error('cancelled early'));
    await expect(post(controller.signal)).rejects.toThrow('cancelled early');
    await new Promise((r) => setTimeout(r, 50));
    expect(arrived).toBe(false);
  });

  it('fails a body cut mid-stream, and destroy() closes a stream nobody reads', async () => {
    route = (_req, res) => {
      res.writeHead(200);
      res.write('partial');
      setTimeout(() => res.destroy(), 20);
    };
    const cut = await post();
    await expect(cut.body.collect(1024, () => new Error('too large'))).rejects.toThrow();
    expect(Buffer.concat(cut.body.received).toString()).toBe('partial');

    route = (_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write('data: x\n\n'), 5);
      res.on('close', () => clearInterval(timer));
    };
    closed.length = 0;
    const open = await post();
    const first = await open.body.next();
    expect(first.done).toBe(false);
    open.body.destroy();
    await until(() => closed.length > 0);
    expect(closed).toEqual(['cut']);
    await expect(open.body.next()).rejects.toThrow('discarded');
  });

  it('reuses one keep-alive connection for calls in a row', async () => {
    const ports = new Set<number | undefined>();
    route = (req, res) => {
      ports.add(req.socket.remotePort);
      req.resume();
      req.on('end', () => res.end('{}'));
    };
    const single = new UpstreamPools({ connections: 1 });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await postTo(single.for(origin), origin);
        await res.body.collect(1024, () => new Error('too large'));
      }
    } finally {
      await single.close();
    }
    expect(ports.size).toBe(1);
  });

  it("waits for an answer slower than the idle-socket timeout (deadlines are the router's)", async () => {
    route = (req, res) => {
      req.resume();
      setTimeout(() => res.end('{"late":true}'), 250);
    };
    const slow = new UpstreamPools({ keepAliveTimeoutMs: 50 });
    try {
      const res = await postTo(slow.for(origin), origin);
      const bytes = await res.body.collect(1024, () => new Error('too large'));
      expect(bytes.toString()).toBe('{"late":true}');
    } finally {
      await slow.close();
    }
  });

  it('rejects with the connection error when nothing listens', async () => {
    const refused = new Pool('http://127.0.0.1:9');
    try {
      await expect(postTo(refused, 'http://127.0.0.1:9')).rejects.toMatchObject({
        code: 'ECONNREFUSED',
      });
    } finally {
      await refused.destroy();
    }
  });
});

describe('postUpstream to an https upstream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipgate-tls-'));
  const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
  let server: Server | undefined;
  let origin = '';

  beforeAll(async () => {
    if (!hasOpenssl) return;
    const made = spawnSync('openssl', [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    ]);
    if (made.status !== 0) throw new Error(`openssl failed: ${String(made.stderr)}`);
    server = createHttpsServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (_req, res) => res.end('{}'),
    );
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it.skipIf(!hasOpenssl)(
    'speaks TLS and refuses a certificate no trusted CA signed (needs openssl to make one)',
    async () => {
      const pools = new UpstreamPools();
      try {
        await expect(postTo(pools.for(origin), origin)).rejects.toMatchObject({
          code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        });
      } finally {
        await pools.close();
      }
    },
  );
});
