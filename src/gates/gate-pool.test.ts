import { afterAll, describe, expect, it } from 'vitest';
import { gatesConfigSchema } from '../config/gates-schema.js';
import { createValidator, type Validator } from './pipeline.js';
import { createServerValidator } from './server-validator.js';
import { tempProjects } from './test-support/gate-projects.js';

const { project, cleanup } = tempProjects('sg-pool-');
const opened: Validator[] = [];
afterAll(async () => {
  await Promise.all(opened.map((v) => v.close()));
  cleanup();
});

const source = `export function f(x: any) {\n  let y = x;\n  eval(y);\n  return y;\n}\nconst token = "ghp_${'a1B2c3D4e5'.repeat(4).slice(0, 36)}";\nexport { token };\n`;

let pool: Promise<Validator> | undefined;
const shared = (): Promise<Validator> =>
  (pool ??= createServerValidator({ threads: 1 }).then((v) => (opened.push(v), v)));

function bigFile(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines / 5; i += 1)
    out.push(
      `export function f${i}(a: number, b: number): number {`,
      `  let c = a + b;`,
      `  if (c > ${i}) c -= 1;`,
      `  return c * 2;`,
      `}`,
    );
  return `${out.join('\n')}\n`;
}

describe('gate worker pool (issue 9.8)', () => {
  it('gives the same findings as the inline gates', async () => {
    const root = project({});
    const pooled = await shared();
    const inline = createValidator();
    const gates = ['lint', 'security', 'secrets', 'complexity', 'patterns'];
    const input = {
      root,
      files: [{ path: 'a.ts', content: source }],
      gates,
      config: gatesConfigSchema.parse({ timeoutMs: 120_000 }), // a cold worker on a busy machine
    };
    const [a, b] = await Promise.all([pooled.validate(input), inline.validate(input)]);
    const shape = (r: typeof a) =>
      r.files.map((f) => f.findings.map((x) => `${x.gate}:${x.rule}:${x.line}`).sort());
    expect(shape(a)).toEqual(shape(b));
    expect(shape(a)[0]?.some((x) => x.startsWith('lint:'))).toBe(true);
    expect(shape(a)[0]?.some((x) => x.startsWith('security:'))).toBe(true);
  }, 150_000);

  it('stops a gate at its time limit, and the pool keeps serving', async () => {
    const root = project({});
    const pooled = await shared();
    const config = gatesConfigSchema.parse({ lint: { timeoutMs: 1 } });
    const file = { path: 'big.ts', content: bigFile(2000) };
    const slow = await pooled.validate({ root, files: [file], gates: ['lint'], config });
    expect(slow.files[0]?.findings.map((f) => f.rule)).toContain('gate-timeout');
    const fine = await pooled.validate({
      root,
      files: [{ path: 'a.ts', content: 'export const a = 1;\n' }],
      gates: ['lint'],
      config: gatesConfigSchema.parse({}),
    });
    expect(fine.passed).toBe(true);
  }, 60_000);
});
