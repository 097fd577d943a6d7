/**
 * A scripted model for the generate benchmark when no real provider is configured: an
 * OpenAI-compatible server (POST /v1/chat/completions, non-streaming) that answers each
 * HumanEval-X problem first with a known-wrong candidate (a mutant, else the stub) and,
 * once the sandbox's test-failure text appears in the conversation, with the canonical
 * solution. It proves the failure output reaches the model and the loop converges.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenEstimator } from '../../src/gateway/estimate.js';
import type { Dataset, Problem } from './data.js';

interface ChatBody {
  model?: string;
  messages?: { role: string; content: string }[];
}

export interface ScriptedModel {
  baseUrl: string;
  /** Per task: how many answers were wrong candidates, how many canonical after feedback. */
  served: Map<string, { wrong: number; canonicalAfterFeedback: number }>;
  close(): Promise<void>;
}

/** The loop's repair message carries the sandbox output: an assertion or an error. */
export function carriesTestFailure(text: string): boolean {
  return (
    text.includes('tests/test-failed') &&
    (text.includes('Assertion failed') || /\b[A-Z]\w*Error\b/.test(text))
  );
}

function fenced(code: string): string {
  return `\`\`\`javascript\n${code.endsWith('\n') ? code : `${code}\n`}\`\`\``;
}

async function readBody(req: IncomingMessage): Promise<ChatBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatBody;
}

export async function startScriptedModel(dataset: Dataset): Promise<ScriptedModel> {
  const served = new Map<string, { wrong: number; canonicalAfterFeedback: number }>();
  const tokens = new TokenEstimator();
  const find = (text: string): Problem | undefined =>
    dataset.problems.find((p) => text.includes(p.prompt.trim()));
  const answerFor = (problem: Problem, lastUser: string): string => {
    const count = served.get(problem.task_id) ?? { wrong: 0, canonicalAfterFeedback: 0 };
    served.set(problem.task_id, count);
    if (carriesTestFailure(lastUser)) {
      count.canonicalAfterFeedback += 1;
      return fenced(problem.canonical_solution);
    }
    const candidates = dataset.candidates.get(problem.task_id) ?? [];
    const wrong =
      candidates.find((c) => c.kind === 'mutant') ?? candidates.find((c) => c.kind === 'stub');
    count.wrong += 1;
    return fenced(wrong?.completion ?? '  return undefined;\n}\n');
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
        return;
      }
      const body = await readBody(req);
      const messages = body.messages ?? [];
      const all = messages.map((m) => m.content).join('\n');
      const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
      const problem = find(all);
      const content = problem ? answerFor(problem, lastUser) : 'I do not know this problem.';
      const prompt = tokens.countMessages(
        messages.map((m) => ({ role: 'user', content: m.content })),
      );
      const completion = tokens.count(content);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${Date.now()}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model ?? 'scripted',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: {
            prompt_tokens: prompt,
            completion_tokens: completion,
            total_tokens: prompt + completion,
          },
        }),
      );
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(error), type: 'server_error' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
