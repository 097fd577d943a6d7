/**
 * The bench's fake upstream (own process): a fixed OpenAI chat completion JSON, a
 * fixed SSE stream, and for model "stall" a stream that sends one chunk and then
 * holds the connection, recording when the caller closes it (GET /_aborts); for
 * model "drip" a stream whose chunks are 20 ms apart (a buffering proxy would
 * deliver them together).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const now = (): number => performance.timeOrigin + performance.now();
const usage = { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 };
const json = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Hello from the bench upstream.' },
      finish_reason: 'stop',
    },
  ],
  usage,
});
const chunk = (delta: object, finish: string | null = null): string =>
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const sse = [
  chunk({ role: 'assistant', content: '' }),
  ...['Hello ', 'from ', 'the ', 'bench.'].map((t) => chunk({ content: t })),
  chunk({}, 'stop'),
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini', choices: [], usage })}\n\n`,
  'data: [DONE]\n\n',
].join('');

const aborts: number[] = [];
const dripParts = sse.split(/(?<=\n\n)/);

function drip(res: ServerResponse, i: number): void {
  if (res.destroyed) return;
  if (i >= dripParts.length) {
    res.end();
    return;
  }
  res.write(dripParts[i]);
  setTimeout(() => drip(res, i + 1), 20);
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/_aborts') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(aborts));
    return;
  }
  const parts: Buffer[] = [];
  req.on('data', (p: Buffer) => parts.push(p));
  req.on('end', () => {
    const body = Buffer.concat(parts).toString();
    if (body.includes('"model":"stall"')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ role: 'assistant', content: 'wait' }));
      res.on('close', () => aborts.push(now()));
      return;
    }
    if (body.includes('"model":"drip"')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      drip(res, 0);
      return;
    }
    if (/"stream"\s*:\s*true/.test(body)) {
      res.writeHead(200, { 'content-type': 'text/event-stream' }).end(sse);
      return;
    }
    res
      .writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(json),
      })
      .end(json);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
