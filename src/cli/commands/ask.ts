import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { readFileSync } from 'node:fs';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { formatMicros } from '../../gateway/cost.js';
import type { GatewayResult } from '../../gateway/call-result.js';
import { noProviderError } from '../../gateway/registry.js';
import { taskClasses, type ModelRequest, type TaskClass } from '../../gateway/types.js';
import { action } from '../action.js';
import { loadRuntime } from '../lazy.js';
import type { CliContext } from '../context.js';
import { formatOption } from '../options.js';

interface AskOptions {
  model?: string;
  task: TaskClass;
  system?: string;
  maxTokens?: number;
  temperature?: number;
  format: 'text' | 'json';
}

function readPrompt(prompt: string): string {
  const text = prompt === '-' ? readFileSync(0, 'utf8') : prompt;
  if (!text.trim())
    throw new ShipgateError(
      ErrorCode.BadRequest,
      'the prompt is empty: pass text, or - to read it from stdin',
    );
  return text;
}

function number(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new InvalidArgumentError(`${name} must be a number from ${min} to ${max}.`);
    return n;
  };
}

function summary(result: GatewayResult): string {
  const u = result.usage;
  const tokens = u
    ? `${u.inputTokens} in / ${u.outputTokens} out${u.estimated ? ' (estimated)' : ''}`
    : 'no usage';
  return `${result.provider}/${result.model} · ${tokens} · ${formatMicros(result.costMicros)} · ${Math.round(result.latencyMs)} ms · cache ${result.cache} · ${result.attempts.length} attempt(s)`;
}

function jsonResult(result: GatewayResult): Record<string, unknown> {
  const { text, model, provider, usage, costMicros, latencyMs, ttftMs, cache, finishReason } =
    result;
  const attempts = result.attempts.map((a) => ({
    model: a.model,
    provider: a.provider,
    outcome: a.outcome,
    durationMs: Math.round(a.durationMs),
  }));
  return {
    text,
    model,
    provider,
    finishReason,
    usage,
    costMicros,
    latencyMs: Math.round(latencyMs),
    ttftMs: ttftMs === null ? null : Math.round(ttftMs),
    cache,
    attempts,
  };
}

async function ask(ctx: CliContext, prompt: string, opts: AskOptions): Promise<number> {
  const config = ctx.config();
  if (Object.keys(config.providers).length === 0) throw noProviderError();
  const messages: ModelRequest['messages'] = opts.system
    ? [{ role: 'system', content: opts.system }]
    : [];
  messages.push({ role: 'user', content: readPrompt(prompt) });
  const request: ModelRequest = {
    messages,
    task: opts.task,
    model: opts.model,
    maxOutputTokens: opts.maxTokens,
    temperature: opts.temperature,
    caller: 'cli',
  };
  const { createRuntime } = await loadRuntime();
  const runtime = await createRuntime(config);
  try {
    const stream = await runtime.gateway.stream(request, { signal: ctx.signal });
    for await (const event of stream.events) {
      if (event.type === 'text' && opts.format === 'text') ctx.stdout.write(event.text);
    }
    const result = await stream.result;
    if (opts.format === 'json') ctx.stdout.write(`${JSON.stringify(jsonResult(result))}\n`);
    else {
      ctx.stdout.write(result.text.endsWith('\n') ? '' : '\n');
      if (ctx.stderr.isTTY) ctx.stderr.write(`${pc.dim(summary(result))}\n`);
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

export function registerAskCommand(program: Command, ctx: CliContext): void {
  program
    .command('ask')
    .description(
      'ask a model through the gateway and stream the answer (routing, retries, cache, metering apply)',
    )
    .argument('<prompt>', 'the prompt, or - to read it from stdin')
    .option('-m, --model <alias>', 'model alias or id (default: the task’s first model)')
    .addOption(
      new Option('-t, --task <task>', 'task class, picks the model list')
        .choices(taskClasses)
        .default('chat'),
    )
    .option('-s, --system <text>', 'system prompt')
    .option('--max-tokens <n>', 'maximum output tokens', number('--max-tokens', 1, 1_000_000))
    .option(
      '--temperature <t>',
      'sampling temperature (0 = deterministic and cacheable)',
      number('--temperature', 0, 2),
    )
    .addOption(formatOption(['text', 'json'] as const, 'text'))
    .addHelpText(
      'after',
      '\nExamples:\n  shipgate ask "Write a debounce function in TypeScript"\n  shipgate ask --model claude-sonnet-4-5 --format json "Explain this regex: ^a+$"\n  git diff | shipgate ask --task review -',
    )
    .action(action(ctx, (prompt: string, opts: AskOptions) => ask(ctx, prompt, opts)));
}
