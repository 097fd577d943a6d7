/**
 * Issue 10.6: every upstream call honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY — the
 * byte pass-through's pools and the AI SDK's fetch alike — through a real local
 * forward proxy (CONNECT tunnels and absolute-form requests).
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

interface Proxy {
  url: string;
  /** Target host:port of every request that went through the proxy. */
  seen: string[];
  close(): Promise<void>;
}

async function startProxy(): Promise<Proxy> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '/');
    seen.push(target.host);
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    seen.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function ask(url: string, route: string, model: string): Promise<number> {
  const body =
    route === '/v1/messages'
      ? { model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }
      : { model, messages: [{ role: 'user', content: 'hi' }] };
  const res = await request(`${url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.body.text();
  return res.statusCode;
}

describe('outbound proxy (issue 10.6)', () => {
  let proxy: Proxy;
  beforeAll(async () => {
    proxy = await startProxy();
  });
  afterAll(() => proxy.close());

  describe('with HTTPS_PROXY and HTTP_PROXY set', () => {
    let h: Harness;
    let url: string;
    beforeAll(async () => {
      h = await startHarness({ env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url } });
      url = await h.listen();
    });
    afterAll(() => h.close());

    it('sends pass-through calls through the proxy', async () => {
      const before = proxy.seen.length;
      expect(await ask(url, '/v1/chat/completions', 'fast')).toBe(200);
      expect(proxy.seen.slice(before)).toContain(new URL(h.openai.url).host);
    });

    it('sends translated (AI SDK) calls through the proxy', async () => {
      const before = proxy.seen.length;
      expect(await ask(url, '/v1/chat/completions', 'claude')).toBe(200);
      expect(proxy.seen.slice(before)).toContain(new URL(h.anthropic.url).host);
    });
  });

  describe('with NO_PROXY naming the upstreams', () => {
    let h: Harness;
    let url: string;
    beforeAll(async () => {
      h = await startHarness({
        env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1,localhost' },
      });
      url = await h.listen();
    });
    afterAll(() => h.close());

    it('goes direct, for both call modes', async () => {
      const before = proxy.seen.length;
      expect(await ask(url, '/v1/messages', 'claude')).toBe(200);
      expect(await ask(url, '/v1/messages', 'fast')).toBe(200);
      expect(proxy.seen.length).toBe(before);
    });
  });
});
