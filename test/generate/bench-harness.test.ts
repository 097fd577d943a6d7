import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDir, loadDataset, wrongUpstream, type Dataset } from '../../bench/generate/data.js';
import { judgeValidator, problemRenderer, solutionPath } from '../../bench/generate/judge.js';
import { startScriptedModel, type ScriptedModel } from '../../bench/generate/scripted-model.js';
import { gatesConfigSchema } from '../../src/config/gates-schema.js';
import { parseConfig } from '../../src/config/load.js';
import { generateCode } from '../../src/generate/loop.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createSandbox } from '../../src/sandbox/index.js';
import { removeDir } from './support.js';

const missing = existsSync(dataDir)
  ? null
  : `${dataDir} is absent (the shared HumanEval-X data sits beside the repository in CI)`;

describe.skipIf(missing !== null)(
  `bench/generate: scripted model + dataset judge drive the real loop${missing ? ` — skipped: ${missing}` : ''}`,
  () => {
    let dataset: Dataset;
    let model: ScriptedModel;
    let runtime: Runtime;
    let home: string;
    const sandbox = createSandbox();

    beforeAll(async () => {
      dataset = await loadDataset();
      model = await startScriptedModel(dataset);
      home = mkdtempSync(join(tmpdir(), 'shipgate-bench-test-'));
      runtime = await createRuntime(
        parseConfig(
          {
            providers: { scripted: { kind: 'openai-compatible', baseUrl: model.baseUrl } },
            models: { scripted: { provider: 'scripted', model: 'scripted-humaneval' } },
            routing: { tasks: { generate: ['scripted'] } },
            cache: { enabled: false },
          },
          'test',
          { SHIPGATE_HOME: home },
        ),
      );
    });
    afterAll(async () => {
      await runtime.close();
      await model.close();
      removeDir(home);
    });

    async function run(taskId: string) {
      const problem = dataset.problems.find((p) => p.task_id === taskId)!;
      return generateCode(
        { spec: problem.prompt, root: home, targetFile: solutionPath, maxAttempts: 3 },
        {
          gateway: runtime.gateway,
          validator: judgeValidator(problem, sandbox, 3000),
          render: problemRenderer(problem),
          sandbox: sandbox.run,
          gatesConfig: gatesConfigSchema.parse({}),
        },
      );
    }

    it('fails the wrong candidate, feeds the sandbox output back, passes with the canonical', async () => {
      const result = await run('JavaScript/0');
      expect(result.attempts.map((a) => a.verdict)).toEqual(['fail', 'pass']);
      expect(result.attempts[0]!.findings[0]).toMatchObject({ gate: 'tests', rule: 'test-failed' });
      expect(result.attempts[0]!.findings[0]!.message).toContain('Assertion failed');
      expect(model.served.get('JavaScript/0')).toEqual({ wrong: 1, canonicalAfterFeedback: 1 });
    });

    it('stops as stuck on a task whose canonical solution is wrong upstream', async () => {
      expect(wrongUpstream(dataset)).toEqual(['JavaScript/112', 'JavaScript/155']);
      const result = await run('JavaScript/155');
      expect(result.passed).toBe(false);
      expect(result.stopReason).toBe('stuck');
    });
  },
);
