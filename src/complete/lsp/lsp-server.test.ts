import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CancellationTokenSource,
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import { startFakeOpenAI, type FakeUpstream } from '../../../test/fake-upstream/index.js';
import { openStore } from '../../store/store.js';
import { createCompletionLog } from '../completion-log.js';

const mainModule = new URL('../../cli/main.ts', import.meta.url).pathname;
const uri = 'file:///work/shop/src/cart.ts';
const text = 'export function total(items: number[]): number {\n  return \n}\n';

let openai: FakeUpstream;
let dir: string;
let child: ChildProcess;
let rpc: MessageConnection;
let stderr = '';

interface Item {
  insertText: string;
  command: { command: string; arguments: [string, number] };
}

const at = (doc: string) => ({
  textDocument: { uri: doc },
  position: { line: 1, character: 9 },
  context: { triggerKind: 2 },
});
const open = (doc: string, body: string) =>
  rpc.sendNotification('textDocument/didOpen', {
    textDocument: { uri: doc, languageId: 'typescript', version: 1, text: body },
  });
const complete = (source?: CancellationTokenSource, doc = uri) =>
  (source
    ? rpc.sendRequest('textDocument/inlineCompletion', at(doc), source.token)
    : rpc.sendRequest('textDocument/inlineCompletion', at(doc))) as Promise<{
    items: Item[];
  } | null>;

beforeAll(async () => {
  openai = await startFakeOpenAI();
  dir = mkdtempSync(join(tmpdir(), 'shipgate-lsp-'));
  writeFileSync(
    join(dir, 'shipgate.config.yaml'),
    JSON.stringify({
      providers: { local: { kind: 'openai-compatible', baseUrl: openai.baseUrl } },
      models: { coder: { provider: 'local', model: 'deepseek-coder-1.3b-base' } },
      storage: { url: `sqlite:${join(dir, 'db.sqlite')}` },
      routing: { retry: { maxAttempts: 1 } },
    }),
  );
  // An entry file, not `-e`: `--input-type=module` would leak into the store's writer thread.
  const entry = join(dir, 'entry.mjs');
  writeFileSync(
    entry,
    `const { main } = await import(${JSON.stringify(mainModule)});\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  child = spawn(
    process.execPath,
    ['--import', 'tsx', entry, 'lsp', '--stdio', '--debounce', '40'],
    {
      env: {
        ...process.env,
        SHIPGATE_HOME: dir,
        SHIPGATE_CONFIG: join(dir, 'shipgate.config.yaml'),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  rpc = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  rpc.listen();
}, 30_000);

afterAll(async () => {
  rpc.dispose();
  child.kill();
  await openai.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('shipgate lsp over stdio (a real JSON-RPC client)', () => {
  it('initializes with inline completions and the feedback commands', async () => {
    const init = (await rpc.sendRequest('initialize', {
      processId: null,
      rootUri: 'file:///work/shop',
      capabilities: {},
    })) as { capabilities: Record<string, unknown> };
    expect(init.capabilities.inlineCompletionProvider).toBe(true);
    expect(init.capabilities.executeCommandProvider).toEqual({
      commands: ['shipgate.shown', 'shipgate.accepted', 'shipgate.dismissed'],
    });
    await rpc.sendNotification('initialized', {});
    await rpc.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text },
    });
  }, 30_000);

  it('answers textDocument/inlineCompletion with the post-processed middle', async () => {
    openai.script({ reply: 'items.length;\n}\n<｜end▁of▁sentence｜>' });
    const result = await complete();
    expect(stderr).toBe('');
    expect(result?.items).toHaveLength(1);
    expect(result?.items[0]?.insertText).toBe('items.length;');
    const prompt = (openai.requests.at(-1)?.body as { prompt: string }).prompt;
    expect(prompt).toBe(
      '<｜fim▁begin｜>// Path: src/cart.ts\nexport function total(items: number[]): number {\n  return <｜fim▁hole｜>\n}\n<｜fim▁end｜>',
    );
    const [id, chars] = result?.items[0]?.command.arguments ?? [];
    await rpc.sendRequest('workspace/executeCommand', {
      command: 'shipgate.accepted',
      arguments: [id, chars],
    });
    const store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    try {
      await expect
        .poll(() => createCompletionLog(store).acceptance(0), { timeout: 5_000 })
        .toContainEqual(
          expect.objectContaining({ model: 'coder', accepted: 1, acceptedChars: 13 }),
        );
    } finally {
      await store.close();
      expect(stderr).toBe('');
    }
  }, 30_000);

  it('$/cancelRequest aborts the upstream call', async () => {
    const doc = 'file:///work/shop/src/slow.ts';
    await open(doc, 'export function slow(): number {\n  return \n}\n');
    openai.script({ hang: true });
    const sent = openai.requests.length;
    const aborted = openai.abortedRequests;
    const source = new CancellationTokenSource();
    const pending = complete(source, doc).catch((e: unknown) => e);
    await openai.waitUntil(() => openai.requests.length > sent, 5_000);
    const cancelledAt = performance.now();
    source.cancel();
    await openai.waitUntil(() => openai.abortedRequests > aborted, 2_000);
    expect(performance.now() - cancelledAt).toBeLessThan(500);
    await pending;
  }, 30_000);

  it('debounces: a request cancelled while waiting never reaches the upstream', async () => {
    const doc = 'file:///work/shop/src/count.ts';
    await open(doc, 'export function count(items: number[]): number {\n  return \n}\n');
    openai.script({ reply: 'items.length + 1;' });
    const sent = openai.requests.length;
    const first = new CancellationTokenSource();
    const dropped = complete(first, doc).catch((e: unknown) => e);
    first.cancel();
    await dropped;
    const kept = await complete(undefined, doc);
    expect(kept?.items[0]?.insertText).toBe('items.length + 1;');
    expect(openai.requests.length - sent).toBe(1);
  }, 30_000);

  it('shuts down and exits on request', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await rpc.sendRequest('shutdown');
    await rpc.sendNotification('exit');
    expect(await exited).toBe(0);
  }, 30_000);
});
