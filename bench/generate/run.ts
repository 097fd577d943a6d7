/**
 * Generate benchmark: the generate → validate → feed back → regenerate loop over the
 * HumanEval-X JavaScript problems (../shared/bench-data/humaneval-x-js-dev). Each
 * answer is judged as the dataset does (prompt + completion + test in the sandbox);
 * a failure is fed back and the model tries again, up to --max-attempts.
 *
 * With a provider in the environment (OPENAI_API_KEY / ANTHROPIC_API_KEY /
 * OPENAI_BASE_URL) it measures that model: pass@1 and pass after each repair round,
 * tokens and cost per task. Without one (or with --scripted) it runs against the
 * scripted model server (scripted-model.ts): wrong candidate first, canonical once the
 * failure text reaches it — proving the feedback path and convergence.
 *
 * Run: npm run bench:generate [-- --limit 20 --concurrency 4 --max-attempts 3 --model ALIAS --scripted]
 */
import { pool } from '../shared/pool.js';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { processEnv } from '../../src/config/env.js';
import { parseConfig, type Env } from '../../src/config/load.js';
import { gatesConfigSchema } from '../../src/config/gates-schema.js';
import { generateCode } from '../../src/generate/loop.js';
import type { GenerateResult } from '../../src/generate/types.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { loadDataset, wrongUpstream, type Dataset, type Problem } from './data.js';
import { judgeValidator, problemRenderer, solutionPath, templateInfo } from './judge.js';
import { startScriptedModel, type ScriptedModel } from './scripted-model.js';
import { summarize, printSummary, type TaskOutcome } from './summary.js';

const here = dirname(fileURLToPath(import.meta.url));

const { values: args } = parseArgs({
  options: {
    limit: { type: 'string' },
    concurrency: { type: 'string', default: '4' },
    'max-attempts': { type: 'string', default: '3' },
    model: { type: 'string' },
    scripted: { type: 'boolean', default: false },
    'timeout-ms': { type: 'string', default: '3000' },
  },
});

function hasProvider(env: Env): boolean {
  return Boolean(env.OPENAI_API_KEY || env.ANTHROPIC_API_KEY || env.OPENAI_BASE_URL);
}

async function scriptedRuntime(model: ScriptedModel, home: string): Promise<Runtime> {
  const config = parseConfig(
    {
      providers: { scripted: { kind: 'openai-compatible', baseUrl: model.baseUrl } },
      models: {
        scripted: {
          provider: 'scripted',
          model: 'scripted-humaneval',
          price: { input: 0, output: 0 },
        },
      },
      routing: { tasks: { generate: ['scripted'] } },
      cache: { enabled: false },
    },
    'bench',
    { SHIPGATE_HOME: home },
  );
  return createRuntime(config);
}

function outcomeOf(problem: Problem, result: GenerateResult): TaskOutcome {
  return {
    taskId: problem.task_id,
    passed: result.passed,
    attempts: result.attempts.length,
    stopReason: result.stopReason,
    inputTokens: result.totals.inputTokens,
    outputTokens: result.totals.outputTokens,
    costMicros: result.totals.costMicros,
    durationMs: result.totals.durationMs,
  };
}

async function runAll(dataset: Dataset, runtime: Runtime, root: string): Promise<TaskOutcome[]> {
  const sandbox = createSandbox();
  const limit = args.limit ? Number(args.limit) : dataset.problems.length;
  const problems = dataset.problems.slice(0, limit);
  const timeoutMs = Number(args['timeout-ms']);
  const gatesConfig = gatesConfigSchema.parse({});
  return pool(problems, Number(args.concurrency), async (problem) => {
    const result = await generateCode(
      {
        spec: problem.prompt,
        root,
        targetFile: solutionPath,
        model: args.model,
        maxAttempts: Number(args['max-attempts']),
        caller: 'bench-generate',
      },
      {
        gateway: runtime.gateway,
        validator: judgeValidator(problem, sandbox, timeoutMs),
        render: problemRenderer(problem),
        sandbox: sandbox.run,
        gatesConfig,
      },
    );
    return outcomeOf(problem, result);
  });
}

async function main(): Promise<void> {
  const env = processEnv();
  const dataset = await loadDataset();
  const scripted = args.scripted || !hasProvider(env);
  const home = await mkdtemp(join(tmpdir(), 'shipgate-bench-gen-'));
  const model = scripted ? await startScriptedModel(dataset) : null;
  const runtime = model
    ? await scriptedRuntime(model, home)
    : await createRuntime(parseConfig({ cache: { enabled: false } }, 'bench', env));
  const started = performance.now();
  try {
    const outcomes = await runAll(dataset, runtime, home);
    const wallMs = Math.round(performance.now() - started);
    const summary = summarize(outcomes, {
      mode: scripted ? 'scripted' : 'provider',
      maxAttempts: Number(args['max-attempts']),
      wallMs,
      template: templateInfo,
      wrongUpstream: wrongUpstream(dataset),
      feedbackReached: model
        ? [...model.served.values()].filter((s) => s.canonicalAfterFeedback > 0).length
        : null,
    });
    printSummary(summary);
    const resultsDir = join(here, 'results');
    await mkdir(resultsDir, { recursive: true });
    const file = join(
      resultsDir,
      `generate-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    await writeFile(file, `${JSON.stringify({ summary, outcomes }, null, 2)}\n`);
    console.log(`\nresults: ${file}`);
  } finally {
    await runtime.close();
    await model?.close();
    await rm(home, { recursive: true, force: true });
  }
}

await main();
