import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gatesConfigSchema } from '../../src/config/gates-schema.js';
import { createValidator } from '../../src/gates/pipeline.js';
import { generateCode } from '../../src/generate/loop.js';
import type { GenerateDeps, GenerateRequest, ProgressEvent } from '../../src/generate/types.js';
import type { Runtime } from '../../src/runtime.js';
import { runInSandbox } from '../../src/sandbox/index.js';
import { startFakeOpenAI, type FakeUpstream, type ReplyContext } from '../fake-upstream/index.js';
import { renderPrompt } from '../../src/templates/render.js';
import { answer, makeProject, removeDir, runtimeFor } from './support.js';

const wrongAdd = `/** Adds two numbers. */
export function add(a: number, b: number): number {
  return \`\${a + b}\`;
}
`;
const rightAdd = `/** Adds two numbers. */
export function add(a: number, b: number): number {
  return a + b;
}
`;
const buggyClamp = `/** Keeps value inside [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.max(min, value);
}
`;
const rightClamp = `/** Keeps value inside [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
`;
const clampTest = `import { clamp } from './clamp.js';

console.assert(clamp(5, 0, 10) === 5, 'clamp keeps a value inside the range');
console.assert(clamp(50, 0, 10) === 10, 'clamp caps a value above the range at max');
console.assert(clamp(-5, 0, 10) === 0, 'clamp raises a value below the range to min');
`;

describe('generateCode through a real gateway, real gates and the real sandbox', () => {
  let upstream: FakeUpstream;
  let reply: (ctx: ReplyContext) => string = () => '';
  let runtime: Runtime;
  let home: string;
  const projects: string[] = [];
  const validator = createValidator();
  const gatesConfig = gatesConfigSchema.parse({});

  beforeAll(async () => {
    upstream = await startFakeOpenAI({ reply: (ctx) => reply(ctx) });
    home = mkdtempSync(join(tmpdir(), 'shipgate-gen-home-'));
    runtime = await runtimeFor(upstream.baseUrl, home);
  });
  afterAll(async () => {
    await runtime.close();
    await upstream.close();
    removeDir(home);
  });
  afterEach(() => projects.splice(0).forEach(removeDir));

  function deps(): GenerateDeps {
    return {
      gateway: runtime.gateway,
      validator,
      render: renderPrompt,
      sandbox: runInSandbox,
      gatesConfig,
    };
  }
  function request(extra: Partial<GenerateRequest>): GenerateRequest {
    const root = makeProject();
    projects.push(root);
    return {
      spec: 'add two numbers',
      template: 'plain-function',
      root,
      targetFile: 'src/add.ts',
      ...extra,
    };
  }
  function prompts(): string[] {
    return upstream.requests
      .filter((r) => r.path.endsWith('/chat/completions'))
      .map((r) => JSON.stringify(r.body));
  }

  it('feeds a real type error back and converges on the second attempt', async () => {
    const seen: string[] = [];
    reply = (ctx) => {
      seen.push(ctx.lastUserText);
      return ctx.lastUserText.includes("Type 'string' is not assignable to type 'number'")
        ? answer(['src/add.ts', rightAdd])
        : answer(['src/add.ts', wrongAdd]);
    };
    const events: ProgressEvent[] = [];
    const result = await generateCode(request({}), deps(), (e) => events.push(e));
    expect(result.stopReason).toBe('passed');
    expect(result.template).toMatchObject({ name: 'plain-function', version: '1.0.0' });
    expect(result.attempts.map((a) => a.verdict)).toEqual(['fail', 'pass']);
    const first = result.attempts[0]!.findings.filter((f) => f.blocking);
    expect(first).toEqual([
      expect.objectContaining({ file: 'src/add.ts', gate: 'typecheck', rule: 'TS2322', line: 3 }),
    ]);
    // The repair message names gate, rule, file:line and shows the offending numbered line.
    const repair = seen[1]!;
    expect(repair).toContain('src/add.ts:3');
    expect(repair).toContain('typecheck/TS2322');
    expect(repair).toMatch(/> 3 \| {3}return `\$\{a \+ b\}`;/);
    expect(result.files).toEqual([{ path: 'src/add.ts', content: rightAdd }]);
    expect(result.totals.attempts).toBe(2);
    expect(result.totals.inputTokens).toBe(
      result.attempts[0]!.tokens.input + result.attempts[1]!.tokens.input,
    );
    expect(result.attempts[1]!.tokens.input).toBeGreaterThan(result.attempts[0]!.tokens.input);
    expect(events.map((e) => e.type)).toContain('validating');
    expect(events.at(-1)).toMatchObject({ type: 'stopped', reason: 'passed' });
  });

  it('asks a JSON-capable model for structured files and reads them back', async () => {
    reply = (ctx) =>
      JSON.stringify({
        files: [
          {
            path: 'src/add.ts',
            content: ctx.lastUserText.includes('TS2322') ? rightAdd : wrongAdd,
          },
        ],
      });
    const result = await generateCode(request({ structuredOutput: true }), deps());
    expect(result.stopReason).toBe('passed');
    expect(result.files).toEqual([{ path: 'src/add.ts', content: rightAdd }]);
    const sent = upstream.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)
      ?.body as {
      response_format?: { type: string };
      messages: { content: string }[];
    };
    expect(sent.response_format?.type).toBe('json_object');
    expect(JSON.stringify(sent.messages)).toContain('{\\"files\\"');
  });

  it('runs generated tests in the sandbox and feeds the failure output back', async () => {
    reply = (ctx) =>
      ctx.lastUserText.includes('Assertion failed: clamp caps a value above the range at max')
        ? answer(['src/clamp.ts', rightClamp], ['src/clamp.test.ts', clampTest])
        : answer(['src/clamp.ts', buggyClamp], ['src/clamp.test.ts', clampTest]);
    const before = prompts().length;
    const result = await generateCode(
      request({ spec: 'clamp a number', targetFile: 'src/clamp.ts', withTests: true }),
      deps(),
    );
    expect(result.stopReason).toBe('passed');
    const [first, second] = result.attempts;
    expect(first!.tests).toMatchObject({ verdict: 'fail', failedAssertions: 1 });
    expect(first!.findings).toContainEqual(
      expect.objectContaining({ gate: 'tests', rule: 'test-failed', file: 'src/clamp.test.ts' }),
    );
    expect(second!.tests).toMatchObject({ verdict: 'pass', failedAssertions: 0 });
    expect(prompts()[before]).toContain('console.assert');
  });

  it('stops early as stuck when an attempt repeats the previous findings', async () => {
    reply = () => answer(['src/add.ts', wrongAdd]);
    const result = await generateCode(request({ maxAttempts: 5 }), deps());
    expect(result.stopReason).toBe('stuck');
    expect(result.passed).toBe(false);
    expect(result.attempts).toHaveLength(2);
    expect(result.stopDetail).toContain('repeated the findings of attempt 1');
  });

  it('stops at the token budget without starting a call it cannot afford', async () => {
    reply = () => answer(['src/add.ts', wrongAdd]);
    upstream.script({ inputTokens: 2500 });
    const before = prompts().length;
    const result = await generateCode(
      request({ maxAttempts: 3, budget: { maxTokens: 3000 } }),
      deps(),
    );
    expect(result.stopReason).toBe('budget');
    expect(result.attempts).toHaveLength(1);
    expect(result.totals.inputTokens).toBe(2500);
    expect(prompts().length - before).toBe(1);
    expect(result.stopDetail).toMatch(/would exceed the token budget/);
    // The call's output was capped at what the budget left after the prompt.
    const sent = upstream.requests.at(-1)?.body as {
      max_tokens?: number;
      max_completion_tokens?: number;
    };
    expect(sent.max_tokens ?? sent.max_completion_tokens).toBeLessThan(3000);
  });

  it('refuses a prompt that alone is over the token budget, before any model call', async () => {
    const before = prompts().length;
    await expect(
      generateCode(request({ spec: 'word '.repeat(400), budget: { maxTokens: 50 } }), deps()),
    ).rejects.toMatchObject({ code: 'bad_request' });
    expect(prompts().length).toBe(before);
  });

  it('asks once for code when the answer has none, then stops with no-code', async () => {
    const seen: string[] = [];
    reply = (ctx) => {
      seen.push(ctx.lastUserText);
      return 'I would rather explain the idea: add the two numbers and return the sum.';
    };
    const result = await generateCode(request({ maxAttempts: 3 }), deps());
    expect(result.stopReason).toBe('no-code');
    expect(result.attempts.map((a) => a.verdict)).toEqual(['no-code', 'no-code']);
    expect(seen[1]).toContain('Your answer contained no code');
    expect(result.files).toEqual([]);
  });

  it('rejects a target outside the project root before calling the model', async () => {
    const before = prompts().length;
    const req = request({ targetFile: '../escape.ts' });
    await expect(generateCode(req, deps())).rejects.toMatchObject({ code: 'bad_request' });
    expect(prompts().length).toBe(before);
    expect(existsSync(join(req.root, '..', 'escape.ts'))).toBe(false);
  });
});
