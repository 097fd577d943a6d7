/**
 * How the benchmark plugs HumanEval-X into the generate loop: a prompt renderer (the
 * problem's signature + doc comment) and a validator that judges the answer the way
 * the dataset does — `prompt + completion + "\n" + test` in the sandbox, where any
 * failed console.assert fails — so a failure becomes a `tests/test-failed` finding the
 * loop feeds back like any gate's.
 */
import { createHash } from 'node:crypto';
import type { CodeValidator, PromptRenderer } from '../../src/generate/types.js';
import type { ValidationReport } from '../../src/gates/validation-report.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { outputTail } from '../../src/generate/test-run.js';
import type { Problem } from './data.js';

const system = [
  'You complete JavaScript functions.',
  'Answer with the complete function in one fenced ```javascript block: the declaration from the prompt, the body, and the closing brace.',
  'Use only plain JavaScript (no imports); no explanations.',
].join(' ');

export const templateInfo = {
  name: 'humaneval-js',
  version: '1.0.0',
  hash: createHash('sha256').update(system).digest('hex').slice(0, 12),
};

export const solutionPath = 'solution.js';

export function problemRenderer(problem: Problem): PromptRenderer {
  return async () => ({
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: problem.prompt },
    ],
    tokenCount: Math.ceil((system.length + problem.prompt.length) / 4),
    template: { ...templateInfo, withTests: false, modelHints: { temperature: 0 } },
  });
}

/** The program the dataset runs: a full function as answered, or the prompt + a body. */
export function judgedProgram(problem: Problem, code: string): string {
  // A top-level (column 0) declaration: bodies are indented and may reuse the name locally.
  const declares = new RegExp(`^(?:const|let|var|function)\\s+${problem.entry_point}\\b`, 'm');
  const body = declares.test(code) ? code : `${problem.prompt}${code}`;
  return `${body}\n${problem.test}`;
}

export function judgeValidator(
  problem: Problem,
  sandbox: Sandbox,
  timeoutMs: number,
): CodeValidator {
  return {
    async validate(input, signal): Promise<ValidationReport> {
      const file = input.files.find((f) => f.path.endsWith('.js')) ?? input.files[0];
      const code = file?.content ?? '';
      const result = await sandbox.run({
        code: judgedProgram(problem, code),
        language: 'js',
        timeoutMs,
        signal,
      });
      const passed = result.verdict === 'pass';
      const tail = outputTail(result);
      const findings = passed
        ? []
        : [
            {
              gate: 'tests',
              rule: result.verdict === 'timeout' ? 'test-timeout' : 'test-failed',
              severity: 'high' as const,
              message: `The tests failed when run in the sandbox (${result.verdict}: ${result.reason ?? ''}).${tail ? `\nOutput:\n${tail}` : ''}`,
              line: 1,
            },
          ];
      return {
        passed,
        files: [{ file: solutionPath, passed, findings }],
        gates: [
          {
            gate: 'tests',
            verdict: passed ? 'pass' : 'fail',
            durationMs: result.durationMs,
            findings: findings.length,
          },
        ],
      };
    },
  };
}
