import { describe, expect, it } from 'vitest';
import { gatesConfigSchema } from '../config/gates-schema.js';
import { MAX_FINDINGS_PER_FILE, capGateFindings, truncatedRule } from './finding-cap.js';
import { createValidator } from './pipeline.js';
import type { Finding, Gate, Severity } from './types.js';

const root = '/project';
const file = { path: '/project/src/a.ts', content: 'x;\n'.repeat(5_000) };

/** A gate that reports `count` findings on `file`, one per line, of the given severity. */
function gateReporting(name: string, count: number, severity: (line: number) => Severity): Gate {
  return {
    name,
    description: name,
    appliesTo: () => true,
    run: async () => ({
      gate: name,
      verdict: 'fail',
      durationMs: 1,
      findings: Array.from({ length: count }, (_, i): Finding => ({
        gate: name,
        rule: 'per-line',
        severity: severity(i + 1),
        message: 'm',
        line: i + 1,
        file: file.path,
      })),
    }),
  };
}

describe('findings per file are capped', () => {
  it('lists the most severe first, says per gate how many were left out, and decides on all', async () => {
    const lint = gateReporting('lint', 4_000, () => 'low');
    // 30 high findings late in the file must survive the cap
    const typecheck = gateReporting('typecheck', 3_000, (line) => (line > 2_970 ? 'high' : 'info'));
    const report = await createValidator({ gates: [lint, typecheck] }).validate({
      root,
      files: [file],
      config: gatesConfigSchema.parse({}),
    });
    const findings = report.files[0]?.findings ?? [];
    const truncated = findings.filter((f) => f.rule === truncatedRule);
    expect(findings).toHaveLength(MAX_FINDINGS_PER_FILE + 2);
    expect(findings.filter((f) => f.severity === 'high')).toHaveLength(30);
    // 30 high + 970 low kept: lint lost 3,030, typecheck 2,970
    expect(truncated.map((f) => [f.gate, f.severity, f.message.split(' ')[0]])).toEqual([
      ['lint', 'info', '3,030'],
      ['typecheck', 'info', '2,970'],
    ]);
    expect(report.gates.map((g) => g.findings)).toEqual([4_000, 3_000]);
    expect(report.passed).toBe(false);
    const lines = findings.filter((f) => f.rule !== truncatedRule).map((f) => f.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('leaves a file under the cap as it was', async () => {
    const lint = gateReporting('lint', MAX_FINDINGS_PER_FILE, () => 'low');
    const report = await createValidator({ gates: [lint] }).validate({
      root,
      files: [file],
      config: gatesConfigSchema.parse({}),
    });
    const findings = report.files[0]?.findings ?? [];
    expect(findings).toHaveLength(MAX_FINDINGS_PER_FILE);
    expect(findings.some((f) => f.rule === truncatedRule)).toBe(false);
  });

  it('folds what a worker already left out into the one count per gate', async () => {
    const inWorker = gateReporting('typecheck', 5_000, (line) =>
      line === 4_321 ? 'critical' : 'low',
    );
    const capped: Gate = {
      ...inWorker,
      run: async (ctx, signal) => {
        const result = await inWorker.run(ctx, signal);
        return { ...result, findings: capGateFindings(result.findings) };
      },
    };
    const sent = await capped.run({ root, files: [file] } as never, new AbortController().signal);
    expect(sent.findings).toHaveLength(MAX_FINDINGS_PER_FILE + 1);
    expect(sent.findings.at(-1)).toMatchObject({ rule: truncatedRule, omitted: 4_000 });
    const report = await createValidator({ gates: [capped] }).validate({
      root,
      files: [file],
      config: gatesConfigSchema.parse({}),
    });
    const findings = report.files[0]?.findings ?? [];
    expect(findings).toHaveLength(MAX_FINDINGS_PER_FILE + 1);
    expect(findings.find((f) => f.severity === 'critical')?.line).toBe(4_321);
    const marker = findings.find((f) => f.rule === truncatedRule);
    expect(marker?.message).toMatch(/^4,000 more typecheck findings/);
    expect(marker).not.toHaveProperty('omitted');
    expect(report.gates[0]?.findings).toBe(5_000);
    expect(report.passed).toBe(false);
  });
});
