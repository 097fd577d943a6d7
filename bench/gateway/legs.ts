/**
 * Where a proxied request's added latency sits: before the upstream sees the request
 * ("to upstream": the client's send → the upstream's receive) or after it answers
 * ("back": the upstream's send → the client's last byte, or first byte with
 * `--stream`). One request at a time, across direct, the bare proxy, the lean path's
 * floor and shipgate (the built CLI, as bench:gateway runs it), in an order rotated
 * each round. The upstream lives in this process and stamps both times with the same
 * wall clock as the client, so the two legs add up to the whole.
 *
 *   npm run bench:gateway-legs [-- --rounds 2000] [-- --stream]
 *   npm run bench:gateway-legs -- --baseline ../old   # also the shipgate of another
 *                                                     # built checkout, interleaved
 *   npm run bench:gateway-legs -- --translated   # shipgate's calls speak Anthropic's
 *                                  # /v1/messages to this OpenAI upstream (translation)
 *
 * Build first (`npx tsc -p tsconfig.build.json`): it runs dist/.
 */
import { createServer, request, Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option, wholeNumber } from '../shared/args.js';
import { Children } from './processes.js';
import { startShipgate } from './shipgate-cli.js';

const here = dirname(fileURLToPath(import.meta.url));
const rounds = wholeNumber('--rounds', 2000);
const warmup = Math.min(300, Math.floor(rounds / 5));
const stream = process.argv.includes('--stream');
const baseline = option('--baseline', null);
const translated = process.argv.includes('--translated');
const nowUs = (): number => (performance.timeOrigin + performance.now()) * 1000;
const usage = { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 };
const jsonAnswer = JSON.stringify({
  id: 'chatcmpl-legs',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
  usage,
});
const chunk = (body: object): string =>
  `data: ${JSON.stringify({ id: 'chatcmpl-legs', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini', ...body })}\n\n`;
const sseAnswer = [
  chunk({ choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: 'stop' }] }),
  chunk({ choices: [], usage }),
  'data: [DONE]\n\n',
].join('');

/** Receive and send times by request id (the user message carries the id). */
const stamps = new Map<string, { received: number; sent: number }>();

function answer(req: IncomingMessage, res: ServerResponse): void {
  const received = nowUs();
  const parts: Buffer[] = [];
  req.on('data', (part: Buffer) => parts.push(part));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(parts).toString()) as {
      messages: { content: string | { text?: string }[] }[];
    };
    const content = body.messages[0]?.content ?? '';
    const id = typeof content === 'string' ? content : (content[0]?.text ?? '');
    res.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
    stamps.set(id, { received, sent: nowUs() });
    res.end(stream ? sseAnswer : jsonAnswer);
  });
}

interface Target {
  name: string;
  port: number;
  authorization: string;
  model: string;
  /** Speaks Anthropic's Messages API (shipgate translates it), else OpenAI's chat API. */
  anthropic?: boolean;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One call; resolves with the client's send time and its last (or first, streaming) byte. */
function call(target: Target, id: string): Promise<{ sent: number; done: number }> {
  const body = JSON.stringify({
    model: target.model,
    stream,
    messages: [{ role: 'user', content: id }],
    ...(target.anthropic ? { max_tokens: 16 } : {}),
  });
  return new Promise((resolve, reject) => {
    const sent = nowUs();
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.anthropic ? '/v1/messages' : '/v1/chat/completions',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', authorization: target.authorization },
      },
      (res) => {
        let first = 0;
        res.on('data', () => (first ||= nowUs()));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve({ sent, done: stream ? first : nowUs() })
            : reject(new Error(`${target.name} answered ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    // a hung server fails the run instead of stalling it
    req.setTimeout(5_000, () => req.destroy(new Error(`${target.name} did not answer in 5 s`)));
    req.end(body);
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

/** Per target, each measured call's two legs and its whole, in µs. */
interface Legs {
  to: number[];
  back: number[];
  total: number[];
}

async function measure(targets: Target[]): Promise<Map<string, Legs>> {
  const legs = new Map(
    targets.map((t): [string, Legs] => [t.name, { to: [], back: [], total: [] }]),
  );
  let seq = 0;
  for (let round = 0; round < rounds + warmup; round++) {
    // rotated each round, so no target always follows the same one
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(round + i) % targets.length] as Target;
      const id = `legs-${seq++}`;
      const { sent, done } = await call(target, id);
      const upstream = stamps.get(id);
      stamps.delete(id);
      if (!upstream) throw new Error(`${target.name}: the upstream never saw ${id}`);
      if (round < warmup) continue;
      const leg = legs.get(target.name) as Legs;
      leg.to.push(upstream.received - sent);
      leg.back.push(done - upstream.sent);
      leg.total.push(done - sent);
    }
  }
  return legs;
}

async function main(): Promise<void> {
  const children = new Children();
  const upstream = createServer(answer);
  upstream.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const up = (upstream.address() as AddressInfo).port;
  const floor = async (file: string): Promise<number> => {
    const started = children.start(['--import', 'tsx', join(here, file), String(up)]);
    return Number((JSON.parse(await started.firstLine) as { port: number }).port);
  };
  const sg = await startShipgate(children, join(here, '../..'), up);
  const disposals = [() => sg.dispose()];
  try {
    const direct = { authorization: 'Bearer x', model: 'gpt-4o-mini' };
    const targets: Target[] = [
      { name: 'direct', port: up, ...direct },
      { name: 'bare-proxy', port: await floor('bare-proxy.ts'), ...direct },
      { name: 'lean-floor', port: await floor('lean-floor.ts'), ...direct },
      {
        name: 'shipgate',
        port: sg.port,
        authorization: `Bearer ${sg.key}`,
        model: 'bench',
        anthropic: translated,
      },
    ];
    if (baseline) {
      const old = await startShipgate(children, baseline, up);
      disposals.push(() => old.dispose());
      targets.push({
        name: 'shipgate-baseline',
        port: old.port,
        authorization: `Bearer ${old.key}`,
        model: 'bench',
        anthropic: translated,
      });
    }
    const legs = await measure(targets);
    const base = median(legs.get('direct')?.total ?? []);
    const rows = targets.map(({ name }) => {
      const leg = legs.get(name) as Legs;
      const total = median(leg.total);
      return {
        target: name,
        'to upstream µs': Math.round(median(leg.to)),
        'back µs': Math.round(median(leg.back)),
        'total µs': Math.round(total),
        'added µs': Math.round(total - base),
      };
    });
    console.log(
      `${rounds} rounds after ${warmup} warm-up, medians, ${stream ? 'streaming (first byte)' : 'JSON'}:`,
    );
    console.table(rows);
  } finally {
    children.killAll();
    for (const dispose of disposals) dispose();
    agent.destroy();
    upstream.close();
  }
}

await main();
