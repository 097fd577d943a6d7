import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createServer } from '../../src/server/create-server.js';
import type { AuditAppend } from '../../src/audit/audit-entry.js';
import type { FastifyInstance } from 'fastify';
import { startFakeOpenAI, type FakeUpstream } from '../fake-upstream/index.js';
import { answer, makeProject, removeDir } from '../generate/support.js';

const wrong = 'export function add(a: number, b: number): number {\n  return `${a}${b}`;\n}\n';
const right =
  '/** Adds two numbers. */\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n';

describe('POST /api/generate runs the validate → repair loop', () => {
  let upstream: FakeUpstream;
  let runtime: Runtime;
  let app: FastifyInstance;
  let root: string;
  const audited: AuditAppend[] = [];

  beforeAll(async () => {
    root = makeProject('shipgate-api-gen-');
    // first answer has a real type error; once the finding is in the prompt, the fix
    upstream = await startFakeOpenAI({
      reply: (ctx) =>
        ctx.promptText.includes('TS2322')
          ? answer(['src/add.ts', right])
          : answer(['src/add.ts', wrong]),
    });
    const config = parseConfig(
      {
        storage: { url: 'sqlite::memory:' },
        providers: { local: { kind: 'openai-compatible', baseUrl: upstream.baseUrl } },
        models: { coder: { provider: 'local', model: 'coder-1' } },
        routing: { tasks: { generate: ['coder'] } },
        cache: { enabled: false },
      },
      'test',
    );
    runtime = await createRuntime(config);
    app = await createServer({
      runtime,
      cwd: root,
      audit: { append: (entry) => void audited.push(entry), list: async () => [] },
    });
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
    await upstream.close();
    removeDir(root);
  });

  it('returns validated files after a repair round triggered by a real type error', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/generate',
      payload: { spec: 'add two numbers', template: 'plain-function', targetFile: 'src/add.ts' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      passed: boolean;
      stopReason: string;
      files: { path: string; content: string }[];
      attempts: { verdict: string; findings: { rule: string }[] }[];
    }>();
    expect(body.passed).toBe(true);
    expect(body.stopReason).toBe('passed');
    expect(body.attempts).toHaveLength(2);
    expect(body.attempts[0]?.findings.map((f) => f.rule)).toContain('TS2322');
    expect(body.files).toEqual([{ path: 'src/add.ts', content: right }]);
    expect(upstream.requests).toHaveLength(2);
    expect(audited.at(-1)).toMatchObject({
      action: 'generate',
      templateVersion: expect.stringContaining('plain-function@1.0.0'),
    });
  });

  it('rejects an empty spec and an unknown template with 4xx errors', async () => {
    const empty = await app.inject({ method: 'POST', url: '/api/generate', payload: { spec: '' } });
    expect(empty.statusCode).toBe(400);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/generate',
      payload: { spec: 'x', template: 'nope' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
