import { describe, expect, it } from 'vitest';
import { gatesConfigSchema } from '../config/gates-schema.js';
import { findingsFromReport, sameFindings } from './findings.js';
import { repairMessage, sourceExcerpt } from './repair-prompt.js';
import type { GenerateFinding } from './types.js';

function finding(extra: Partial<GenerateFinding>): GenerateFinding {
  return {
    file: 'src/a.ts',
    gate: 'lint',
    rule: 'no-unused-vars',
    severity: 'high',
    message: "'x' is assigned a value but never used.",
    line: 2,
    blocking: true,
    ...extra,
  };
}

describe('findingsFromReport', () => {
  it('marks findings blocking by their gate threshold and keeps the file', () => {
    const config = gatesConfigSchema.parse({ lint: { blocking: 'high' } });
    const report = {
      passed: false,
      gates: [],
      files: [
        {
          file: 'src/a.ts',
          passed: false,
          findings: [
            { gate: 'lint', rule: 'a', severity: 'medium' as const, message: 'm', line: 1 },
            { gate: 'lint', rule: 'b', severity: 'high' as const, message: 'm', line: 2 },
            { gate: 'lint', rule: 'gate-timeout', severity: 'low' as const, message: 'm', line: 1 },
          ],
        },
      ],
    };
    expect(findingsFromReport(report, config).map((f) => [f.rule, f.file, f.blocking])).toEqual([
      ['a', 'src/a.ts', false],
      ['b', 'src/a.ts', true],
      ['gate-timeout', 'src/a.ts', true],
    ]);
  });
});

describe('sameFindings (stuck detection)', () => {
  it('ignores lines and positions but not files, rules or other text', () => {
    const a = [finding({ line: 2, message: 'bad at line 2 (src/a.ts:2:5)' })];
    expect(sameFindings(a, [finding({ line: 9, message: 'bad at line 9 (src/a.ts:9:1)' })])).toBe(
      true,
    );
    expect(sameFindings(a, [finding({ rule: 'other', message: a[0]!.message })])).toBe(false);
    expect(sameFindings(a, [...a, finding({ file: 'src/b.ts' })])).toBe(false);
    expect(sameFindings([], [])).toBe(false);
    const tests = [finding({ gate: 'tests', message: '3 console.assert call(s) failed' })];
    expect(
      sameFindings(tests, [finding({ gate: 'tests', message: '1 console.assert call(s) failed' })]),
    ).toBe(false);
  });

  it('compares blocking findings only', () => {
    const a = [finding({}), finding({ rule: 'advice', blocking: false })];
    expect(sameFindings(a, [finding({})])).toBe(true);
  });
});

describe('repairMessage', () => {
  it('lists every blocking finding with numbered source lines and the fix hint', () => {
    const content = 'const a = 1;\nconst x = 2;\nexport { a };\n';
    const message = repairMessage(
      [finding({ fix: 'remove x' }), finding({ rule: 'advice', blocking: false })],
      [{ path: 'src/a.ts', content }],
    );
    expect(message).toContain('Fix these findings (1)');
    expect(message).toContain("- src/a.ts:2 [lint/no-unused-vars, high] 'x' is assigned");
    expect(message).toContain('fix: remove x');
    expect(message).toContain('    > 2 | const x = 2;');
    expect(message).toContain('      1 | const a = 1;');
    expect(message).not.toContain('advice');
  });

  it('clamps excerpts to the file', () => {
    expect(sourceExcerpt('one\n', finding({ line: 40 }))).toBe('    > 1 | one');
  });
});
