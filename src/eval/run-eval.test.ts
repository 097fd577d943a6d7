import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/support/run-cli.js';
import { startFakeOpenAI, type FakeUpstream } from '../../test/fake-upstream/index.js';
import { mcnemarExact } from './mcnemar.js';
import { parseProblems } from './problems.js';

const template = (name: string, line: string) => `---
name: ${name}
version: 1.0.0
task: generate
description: eval test arm
output: files
---
${line}
{{spec}}
`;

/** 12 problems: addK<k>(x) returns x + k. */
const problems = Array.from({ length: 12 }, (_, k) => ({
  task_id: `T/${k}`,
  entry_point: `addK${k}`,
  prompt: `/* add ${k} to x */\nconst addK${k} = (x) => {\n`,
  test: `console.assert(addK${k}(1) === ${1 + k});\nconsole.assert(addK${k}(-5) === ${k - 5});\n`,
}));

/** Right for every problem under the CAREFUL template; under SLOPPY right only for k < 3. */
function reply(prompt: string): string {
  const k = Number(/addK(\d+)/.exec(prompt)?.[1] ?? 0);
  const right = prompt.includes('CAREFUL') || k < 3;
  return `\`\`\`javascript\nconst addK${k} = (x) => {\n  return x + ${right ? k : k + 1};\n};\n\`\`\``;
}

describe('mcnemarExact', () => {
  it('matches the binomial tail by hand', () => {
    expect(mcnemarExact(0, 0)).toMatchObject({ pValue: 1, significant: false });
    expect(mcnemarExact(3, 1).pValue).toBeCloseTo(0.625, 10); // 2·(1+4)/16
    expect(mcnemarExact(9, 0).pValue).toBeCloseTo(2 / 512, 10);
    expect(mcnemarExact(9, 0).significant).toBe(true);
    expect(mcnemarExact(5, 5).pValue).toBe(1);
  });
});

describe('parseProblems', () => {
  it('names the line and the field that is wrong', () => {
    expect(() => parseProblems('{"task_id":"a","prompt":"p","test":"t"}\n', 'set.jsonl')).toThrow(
      /set\.jsonl:1: entry_point/,
    );
    expect(() => parseProblems('\n{nope\n', 'x')).toThrow(/x:2 is not valid JSON/);
  });
});

describe('shipgate eval', () => {
  let upstream: FakeUpstream;
  let dir: string;
  beforeAll(async () => {
    upstream = await startFakeOpenAI({ reply: (ctx) => reply(ctx.promptText) });
    dir = mkdtempSync(join(tmpdir(), 'shipgate-eval-'));
    mkdirSync(join(dir, '.shipgate', 'templates'), { recursive: true });
    writeFileSync(
      join(dir, '.shipgate', 'templates', 'careful.md'),
      template('careful', 'CAREFUL: think first.'),
    );
    writeFileSync(
      join(dir, '.shipgate', 'templates', 'sloppy.md'),
      template('sloppy', 'SLOPPY: be quick.'),
    );
    writeFileSync(join(dir, 'problems.jsonl'), problems.map((p) => JSON.stringify(p)).join('\n'));
    writeFileSync(
      join(dir, 'shipgate.config.yaml'),
      `providers:\n  local: { kind: openai-compatible, baseUrl: "${upstream.baseUrl}" }\nmodels:\n  coder: { provider: local, model: coder-1, price: { input: 1, output: 2 } }\nrouting:\n  tasks: { generate: [coder] }\ncache: { enabled: false }\n`,
    );
  });
  afterAll(async () => {
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const cli = (argv: string[]) => runCliCaptured(argv, { SHIPGATE_HOME: dir }, dir);

  it(
    'measures pass@1, cost and latency per arm and finds the better template significant',
    { timeout: 120_000 },
    async () => {
      const res = await cli([
        'eval',
        '--template',
        'careful',
        '--template',
        'sloppy',
        '--problems',
        'problems.jsonl',
        '--format',
        'json',
        '--concurrency',
        '4',
      ]);
      expect(res.code, res.stderr).toBe(0);
      const report = JSON.parse(res.stdout);
      expect(
        report.arms.map((a: { passed: number; problems: number; errors: number }) => [
          a.passed,
          a.problems,
          a.errors,
        ]),
      ).toEqual([
        [12, 12, 0],
        [3, 12, 0],
      ]);
      expect(report.arms[0].costUsd).toBeGreaterThan(0);
      expect(report.comparison).toMatchObject({
        aOnly: 9,
        bOnly: 0,
        significant: true,
        better: 'careful',
      });
      expect(report.comparison.pValue).toBeCloseTo(2 / 512, 6);
      expect(upstream.requests).toHaveLength(24);

      const small = await cli([
        'eval',
        '--template',
        'careful',
        '--template',
        'sloppy',
        '--problems',
        'problems.jsonl',
        '--limit',
        '4',
      ]);
      expect(small.code).toBe(0);
      expect(small.stdout).toMatch(
        /only careful passed 1, only sloppy passed 0, p = 1 — not significant/,
      );
    },
  );

  it('exits 2 on one arm or a bad problem file', async () => {
    const one = await cli(['eval', '--template', 'careful', '--problems', 'problems.jsonl']);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/exactly two arms/);
    const missing = await cli([
      'eval',
      '--template',
      'a',
      '--template',
      'b',
      '--problems',
      'nope.jsonl',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the problem set/);
  });
});
