import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { write, writeNow } from './reply-support.js';

/** Bytes the socket still holds back after the first write returned (-1: no socket). */
type Probe = (res: ServerResponse) => number;

describe("a stream's first write", () => {
  let server: Server;
  let port = 0;
  let probe: Probe = () => 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const held = probe(res);
      res.end(`\nheld=${held}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const call = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST' }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (part: string) => (body += part));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end('{}');
    });

  it('with writeNow, leaves with the headers before the caller goes on', async () => {
    probe = (res) => {
      void writeNow(res, Buffer.from('data: first\n\n'));
      return res.socket?.writableLength ?? -1;
    };
    const body = await call();
    expect(body.startsWith('data: first\n\n')).toBe(true);
    expect(Number(/held=(-?\d+)/.exec(body)?.[1])).toBe(0);
  });

  it('with a plain write, waits for the next tick (why writeNow exists)', async () => {
    probe = (res) => {
      void write(res, Buffer.from('data: first\n\n'));
      return res.socket?.writableLength ?? -1;
    };
    const body = await call();
    expect(body.startsWith('data: first\n\n')).toBe(true);
    expect(Number(/held=(-?\d+)/.exec(body)?.[1])).toBeGreaterThan(0);
  });
});
