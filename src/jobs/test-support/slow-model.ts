/**
 * A real local OpenAI-compatible model server (chat completions, JSON and SSE)
 * that answers every request with the same code after `delayMs`: the fixed-latency
 * model of the job tests and bench/jobs. It counts the requests it served.
 */
import { createServer, type Server } from 'node:http';

export interface SlowModel {
  baseUrl: string;
  served(): number;
  close(): Promise<void>;
}

export const addSource =
  '/** Adds two numbers. */\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n';

function completion(model: string, content: string) {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 },
  };
}

function sse(model: string, content: string): string {
  const base = { id: 'chatcmpl-s', object: 'chat.completion.chunk', created: 0, model };
  const chunks = [
    {
      ...base,
      choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }],
    },
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
    { ...base, choices: [], usage: { prompt_tokens: 50, completion_tokens: 20, total_tokens: 70 } },
  ];
  return `${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('')}data: [DONE]\n\n`;
}

export async function startSlowModel(delayMs: number, port = 0): Promise<SlowModel> {
  let served = 0;
  const content = `src/add.ts\n\`\`\`ts\n${addSource}\`\`\``;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url?.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ id: 'slow', object: 'model' }] }));
        return;
      }
      let body: { model?: string; stream?: boolean } = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        /* answered below */
      }
      setTimeout(() => {
        served += 1;
        const model = body.model ?? 'slow';
        if (body.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.end(sse(model, content));
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(completion(model, content)));
        }
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    served: () => served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
