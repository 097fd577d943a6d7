import { describe, expect, it } from 'vitest';
import { gatesConfigSchema, type GatesConfig } from '../config/gates-schema.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import { createValidator } from './pipeline.js';
import type { Finding, Gate, GateContext, GateResult } from './types.js';

const root = '/project';
const files = [
  { path: '/project/src/a.ts', content: 'a' },
  { path: '/project/src/b.ts', content: 'b' },
];

function fakeGate(
  name: string,
  run: (ctx: GateContext, signal: AbortSignal) => Promise<GateResult>,
): Gate {
  return { name, description: name, appliesTo: (p) => p.endsWith('.ts'), run };
}

function finding(partial: Partial<Finding>): Finding {
  return { gate: 'x', rule: 'r', severity: 'medium', message: 'm', line: 1, ...partial };
}

function gateReturning(name: string, findings: Finding[]): Gate {
  return fakeGate(name, async () => ({
    gate: name,
    verdict: findings.length ? 'fail' : 'pass',
    findings,
    durationMs: 1,
  }));
}

function config(input: Record<string, unknown> = {}): GatesConfig {
  return gatesConfigSchema.parse(input);
}

describe('createValidator', () => {
  it('runs gates concurrently and reports findings per file, sorted by line, with root-relative paths', async () => {
    const started: string[] = [];
    let release: () => void = () => {};
    const gate = (name: string, line: number) =>
      fakeGate(name, async (ctx) => {
        started.push(name);
        if (name === 'lint') await new Promise<void>((resolve) => (release = resolve));
        return {
          gate: name,
          verdict: 'fail',
          findings: [finding({ line, file: ctx.files[1]?.path })],
          durationMs: 1,
        };
      });
    const typecheck = gate('typecheck', 9);
    const lint = gate('lint', 3);
    const validator = createValidator({ gates: [lint, typecheck] });
    const pending = validator.validate({ root, files, config: config() });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started.sort()).toEqual(['lint', 'typecheck']); // both started before lint finished
    release();
    const report = await pending;
    expect(report.passed).toBe(false);
    expect(report.files.map((f) => [f.file, f.passed])).toEqual([
      ['src/a.ts', true],
      ['src/b.ts', false],
    ]);
    expect(report.files[1]?.findings.map((f) => [f.gate, f.line])).toEqual([
      ['lint', 3],
      ['typecheck', 9],
    ]);
    expect(report.files[1]?.findings[0]).not.toHaveProperty('file');
  });

  it('reports findings below the blocking threshold without failing', async () => {
    const low = gateReturning('lint', [finding({ severity: 'low', file: files[0]?.path })]);
    const validator = createValidator({ gates: [low] });
    const report = await validator.validate({ root, files, config: config() });
    expect(report.passed).toBe(true);
    expect(report.gates[0]?.verdict).toBe('pass');
    expect(report.files[0]?.findings).toHaveLength(1);

    const strict = await validator.validate({
      root,
      files,
      config: config({ lint: { blocking: 'low' } }),
    });
    expect(strict.passed).toBe(false);
    expect(strict.files[0]?.passed).toBe(false);
  });

  it('turns a throwing gate into gate-error findings while other gates still report', async () => {
    const broken = fakeGate('lint', async () => {
      throw new Error('parser exploded');
    });
    const fine = gateReturning('typecheck', [
      finding({ severity: 'high', file: files[0]?.path, rule: 'TS2322' }),
    ]);
    const report = await createValidator({ gates: [broken, fine] }).validate({
      root,
      files,
      config: config(),
    });
    const lint = report.gates.find((g) => g.gate === 'lint');
    expect(lint?.verdict).toBe('fail');
    expect(lint?.reason).toContain('parser exploded');
    const rules = report.files[0]?.findings.map((f) => f.rule);
    expect(rules).toContain('gate-error');
    expect(rules).toContain('TS2322');
    expect(report.files.every((f) => f.findings.some((x) => x.rule === 'gate-error'))).toBe(true);
  });

  it('times a slow gate out with a blocking gate-timeout finding and aborts its signal', async () => {
    let aborted = false;
    const slow = fakeGate('lint', (_ctx, signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise(() => {});
    });
    const cfg = config({ timeoutMs: 5000, lint: { timeoutMs: 30, blocking: 'critical' } });
    const report = await createValidator({ gates: [slow] }).validate({ root, files, config: cfg });
    expect(report.passed).toBe(false);
    expect(report.gates[0]).toMatchObject({
      gate: 'lint',
      verdict: 'fail',
      reason: 'timed out after 30 ms',
    });
    expect(report.files[0]?.findings[0]).toMatchObject({ rule: 'gate-timeout', severity: 'high' });
    expect(aborted).toBe(true);
  });

  it('rejects unknown gate names with a BadRequest listing the known ones', async () => {
    const validator = createValidator({
      gates: [gateReturning('lint', []), gateReturning('typecheck', [])],
    });
    const error = await validator
      .validate({ root, files, gates: ['lint', 'nope'], config: config() })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ShipgateError);
    expect((error as ShipgateError).code).toBe(ErrorCode.BadRequest);
    expect((error as ShipgateError).message).toBe(
      'unknown gate nope (known gates: lint, typecheck)',
    );
  });

  it('runs enabled gates by default, and a named gate even when disabled for project input', async () => {
    const validator = createValidator({
      gates: [gateReturning('lint', []), gateReturning('tests', [])],
      trust: 'project',
    });
    const cfg = config(); // tests is disabled by default
    const byDefault = await validator.validate({ root, files, config: cfg });
    expect(byDefault.gates.map((g) => g.gate)).toEqual(['lint']);
    const named = await validator.validate({ root, files, gates: ['tests'], config: cfg });
    expect(named.gates.map((g) => g.gate)).toEqual(['tests']);
  });

  it('is untrusted by default: refuses a disabled gate by name and paths outside the root', async () => {
    const seen: (string | undefined)[] = [];
    const lint = fakeGate('lint', async (ctx) => {
      seen.push(ctx.trust);
      return { gate: 'lint', verdict: 'pass', findings: [], durationMs: 0 };
    });
    const validator = createValidator({ gates: [lint, gateReturning('tests', [])] });
    expect(validator.trust).toBe('untrusted');
    await expect(
      validator.validate({ root, files, gates: ['tests'], config: config() }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('gates.tests.enabled'),
    });
    await expect(
      validator.validate({
        root,
        files: [{ path: '../elsewhere.ts', content: '' }],
        config: config(),
      }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    await validator.validate({ root, files, config: config() });
    expect(seen).toEqual(['untrusted']);
  });

  it('skips a gate with no applicable files and fails one that says fail without findings', async () => {
    const pyOnly: Gate = { ...gateReturning('security', []), appliesTo: (p) => p.endsWith('.py') };
    const bare = fakeGate('lint', async () => ({
      gate: 'lint',
      verdict: 'fail',
      findings: [],
      durationMs: 0,
      reason: 'no tests found',
    }));
    const report = await createValidator({ gates: [pyOnly, bare] }).validate({
      root,
      files,
      config: config(),
    });
    expect(report.gates[0]).toMatchObject({
      verdict: 'skip',
      reason: 'no files this gate applies to',
    });
    expect(report.gates[1]?.verdict).toBe('fail');
    expect(report.files[0]?.findings[0]).toMatchObject({
      rule: 'gate-failed',
      message: 'The lint gate failed: no tests found.',
    });
  });

  it('rejects with Aborted when the caller cancels', async () => {
    const controller = new AbortController();
    const slow = fakeGate('lint', () => new Promise(() => {}));
    const pending = createValidator({ gates: [slow] }).validate(
      { root, files, config: config() },
      controller.signal,
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.Aborted });
  });
});
