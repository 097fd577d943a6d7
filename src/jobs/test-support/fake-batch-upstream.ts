/**
 * A real local HTTP server speaking both providers' batch APIs as documented —
 * OpenAI: POST /v1/files (multipart, purpose "batch"), POST /v1/batches, GET
 * /v1/batches/:id, POST /v1/batches/:id/cancel, GET /v1/files/:id/content;
 * Anthropic: POST /v1/messages/batches, GET /v1/messages/batches/:id[/results],
 * POST /v1/messages/batches/:id/cancel — plus the synchronous POST
 * /v1/chat/completions and /v1/messages for calls that run now.
 *
 * A request whose last message contains "FAIL" errors (400, invalid request), one with
 * "OVERLOAD" errors as the provider overloaded (500 / overloaded_error, retryable); a
 * batch ends after `pollsToEnd` status reads, `expired` when `expire` is set and
 * never while `hold` is set. It answers every request with `answer`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addSource } from './slow-model.js';

export const usageOpenAI = { prompt_tokens: 1_000, completion_tokens: 500, total_tokens: 1_500 };
export const usageAnthropic = { input_tokens: 1_000, output_tokens: 500 };

interface Body {
  messages?: { role: string; content: string }[];
}
interface FakeBatch {
  id: string;
  kind: 'openai' | 'anthropic';
  requests: { custom_id: string; body: Body }[];
  polls: number;
  state: 'running' | 'ended' | 'cancelled';
  expired: boolean;
  rejected: boolean;
  createdAt: number;
}

export interface FakeBatchUpstream {
  baseUrl: string;
  batches: FakeBatch[];
  cancelled: string[];
  /** "METHOD /path" of every request, in order. */
  log: string[];
  /** Every uploaded JSONL line and created batch body, as sent. */
  uploads: unknown[][];
  created: unknown[];
  headers: Record<string, string | string[] | undefined>[];
  settings: {
    pollsToEnd: number;
    expire: boolean;
    hold: boolean;
    /** OpenAI: the batch fails validation (status failed, errors.data). */
    reject: boolean;
    answer: string;
  };
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json') {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const fails = (body: Body) => (body.messages?.at(-1)?.content ?? '').includes('FAIL');
const invalid = { type: 'invalid_request_error', message: 'the prompt asked to FAIL' };
const overloads = (body: Body) => (body.messages?.at(-1)?.content ?? '').includes('OVERLOAD');
const overloaded = { type: 'overloaded_error', message: 'the model is overloaded' };

function openaiLine(batch: FakeBatch, r: FakeBatch['requests'][number], answer: string) {
  const id = `batch_req_${r.custom_id}`;
  if (batch.state === 'cancelled')
    return {
      id,
      custom_id: r.custom_id,
      response: null,
      error: { code: 'batch_cancelled', message: 'cancelled before it ran' },
    };
  if (batch.expired)
    return {
      id,
      custom_id: r.custom_id,
      response: null,
      error: { code: 'batch_expired', message: 'not executed before the window expired' },
    };
  if (fails(r.body) || overloads(r.body))
    return {
      id,
      custom_id: r.custom_id,
      response: fails(r.body)
        ? { status_code: 400, request_id: 'req_x', body: { error: invalid } }
        : { status_code: 500, request_id: 'req_x', body: { error: overloaded } },
      error: null,
    };
  const body = {
    id: `chatcmpl-${r.custom_id}`,
    object: 'chat.completion',
    model: 'gpt',
    choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
    usage: usageOpenAI,
  };
  return { id, custom_id: r.custom_id, response: { status_code: 200, body }, error: null };
}

function anthropicResult(batch: FakeBatch, r: FakeBatch['requests'][number], answer: string) {
  if (batch.state === 'cancelled') return { type: 'canceled' };
  if (batch.expired) return { type: 'expired' };
  if (fails(r.body)) return { type: 'errored', error: { type: 'error', error: invalid } };
  if (overloads(r.body)) return { type: 'errored', error: { type: 'error', error: overloaded } };
  return { type: 'succeeded', message: anthropicMessage(answer) };
}

function anthropicMessage(answer: string) {
  return {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude',
    content: [{ type: 'text', text: answer }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: usageAnthropic,
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

export async function startFakeBatchUpstream(): Promise<FakeBatchUpstream> {
  const files = new Map<string, string>();
  let seq = 0;
  const fake: Omit<FakeBatchUpstream, 'baseUrl' | 'close'> = {
    batches: [],
    cancelled: [],
    log: [],
    uploads: [],
    created: [],
    headers: [],
    settings: {
      pollsToEnd: 2,
      expire: false,
      reject: false,
      hold: false,
      answer: `src/add.ts\n\`\`\`ts\n${addSource}\`\`\``,
    },
  };
  const find = (id: string | undefined) => fake.batches.find((b) => b.id === id);
  const poll = (batch: FakeBatch) => {
    batch.polls += 1;
    if (batch.state === 'running' && !fake.settings.hold && batch.polls >= fake.settings.pollsToEnd)
      batch.state = 'ended';
  };
  const openaiView = (b: FakeBatch) => {
    if (b.rejected) return rejectedView(b);
    const status =
      b.state === 'cancelled'
        ? 'cancelled'
        : b.state === 'running'
          ? 'in_progress'
          : b.expired
            ? 'expired'
            : 'completed';
    const ended = b.state !== 'running';
    const lines = ended ? b.requests.map((r) => openaiLine(b, r, fake.settings.answer)) : [];
    const ok = lines.filter((l) => l.response?.status_code === 200);
    const bad = lines.filter((l) => l.response?.status_code !== 200);
    if (ended) {
      files.set(`file-out-${b.id}`, ok.map((l) => JSON.stringify(l)).join('\n'));
      files.set(`file-err-${b.id}`, bad.map((l) => JSON.stringify(l)).join('\n'));
    }
    return {
      id: b.id,
      object: 'batch',
      endpoint: '/v1/chat/completions',
      errors: null,
      input_file_id: 'file-in',
      completion_window: '24h',
      status,
      output_file_id: ended && ok.length ? `file-out-${b.id}` : null,
      error_file_id: ended && bad.length ? `file-err-${b.id}` : null,
      created_at: b.createdAt,
      request_counts: { total: b.requests.length, completed: ok.length, failed: bad.length },
    };
  };
  const rejectedView = (b: FakeBatch) => ({
    id: b.id,
    object: 'batch',
    endpoint: '/v1/chat/completions',
    status: 'failed',
    errors: {
      object: 'list',
      data: [{ code: 'invalid_request', message: 'model gpt-x is not available', line: 1 }],
    },
    output_file_id: null,
    error_file_id: null,
    request_counts: { total: 0, completed: 0, failed: 0 },
  });
  const anthropicView = (b: FakeBatch, base: string) => ({
    id: b.id,
    type: 'message_batch',
    processing_status: b.state === 'running' ? 'in_progress' : 'ended',
    request_counts: { processing: b.state === 'running' ? b.requests.length : 0 },
    results_url: b.state === 'running' ? null : `${base}/v1/messages/batches/${b.id}/results`,
    created_at: new Date(b.createdAt * 1000).toISOString(),
  });
  const newBatch = (kind: FakeBatch['kind'], requests: FakeBatch['requests']) => {
    const batch: FakeBatch = {
      id: kind === 'openai' ? `batch_${(seq += 1)}` : `msgbatch_${(seq += 1)}`,
      kind,
      requests,
      polls: 0,
      state: 'running',
      expired: fake.settings.expire,
      rejected: fake.settings.reject,
      createdAt: Math.floor(Date.now() / 1000),
    };
    fake.batches.push(batch);
    return batch;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const route = `${req.method ?? 'GET'} ${path}`;
      fake.log.push(route);
      fake.headers.push({ ...req.headers });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const json = () => JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
      let m: RegExpMatchArray | null;
      if (route === 'POST /v1/files') {
        const form = await new Request(`${base}/v1/files`, {
          method: 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? '' },
          body: raw,
        }).formData();
        const file = form.get('file');
        if (form.get('purpose') !== 'batch' || !(file instanceof Blob))
          return send(res, 400, { error: { message: 'purpose batch and a file are required' } });
        const id = `file-in-${(seq += 1)}`;
        files.set(id, await file.text());
        return send(res, 200, { id, object: 'file', purpose: 'batch', bytes: file.size });
      }
      if (route === 'POST /v1/batches') {
        const body = json();
        fake.created.push(body);
        const text = files.get(String(body.input_file_id));
        if (!text || body.endpoint !== '/v1/chat/completions' || body.completion_window !== '24h')
          return send(res, 400, { error: { message: 'bad batch request' } });
        const lines = text
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { custom_id: string; body: Body });
        fake.uploads.push(lines);
        return send(res, 200, openaiView(newBatch('openai', lines)));
      }
      if ((m = /^GET \/v1\/batches\/([^/]+)$/.exec(route)) && find(m[1])) {
        const batch = find(m[1])!;
        poll(batch);
        return send(res, 200, openaiView(batch));
      }
      if ((m = /^POST \/v1\/batches\/([^/]+)\/cancel$/.exec(route)) && find(m[1])) {
        const batch = find(m[1])!;
        fake.cancelled.push(batch.id);
        if (batch.state === 'running') batch.state = 'cancelled';
        return send(res, 200, { ...openaiView(batch), status: 'cancelling' });
      }
      if ((m = /^GET \/v1\/files\/([^/]+)\/content$/.exec(route)) && files.has(m[1] ?? ''))
        return send(res, 200, files.get(m[1] ?? ''), 'application/octet-stream');
      if (route === 'POST /v1/messages/batches') {
        const body = json() as { requests?: { custom_id: string; params: Body }[] };
        fake.created.push(body);
        const requests = (body.requests ?? []).map((r) => ({
          custom_id: r.custom_id,
          body: r.params,
        }));
        return send(res, 200, anthropicView(newBatch('anthropic', requests), base));
      }
      if ((m = /^GET \/v1\/messages\/batches\/([^/]+)$/.exec(route)) && find(m[1])) {
        const batch = find(m[1])!;
        poll(batch);
        return send(res, 200, anthropicView(batch, base));
      }
      if ((m = /^POST \/v1\/messages\/batches\/([^/]+)\/cancel$/.exec(route)) && find(m[1])) {
        const batch = find(m[1])!;
        fake.cancelled.push(batch.id);
        if (batch.state === 'running') batch.state = 'cancelled';
        return send(res, 200, { ...anthropicView(batch, base), processing_status: 'canceling' });
      }
      if ((m = /^GET \/v1\/messages\/batches\/([^/]+)\/results$/.exec(route)) && find(m[1])) {
        const batch = find(m[1])!;
        const lines = batch.requests.map((r) => ({
          custom_id: r.custom_id,
          result: anthropicResult(batch, r, fake.settings.answer),
        }));
        return send(res, 200, lines.map((l) => JSON.stringify(l)).join('\n'), 'application/binary');
      }
      if (route === 'POST /v1/chat/completions')
        return send(res, 200, {
          id: 'chatcmpl-now',
          object: 'chat.completion',
          created: 0,
          model: 'gpt',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: fake.settings.answer },
              finish_reason: 'stop',
            },
          ],
          usage: usageOpenAI,
        });
      if (route === 'POST /v1/messages')
        return send(res, 200, anthropicMessage(fake.settings.answer));
      return send(res, 404, { error: { type: 'not_found_error', message: `no route ${route}` } });
    })().catch((error: unknown) => send(res, 500, { error: { message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ...fake,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
