import { createRequire } from 'node:module';
import type { Options, ValidateFunction } from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import type { ValidationReport } from '../validation-report.js';
import { renderReport } from './index.js';
import { toValidateJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { toSarif } from './sarif.js';
import { renderText } from './text.js';

const require = createRequire(import.meta.url);
// CommonJS module whose typings describe the ESM default export: load it the CommonJS way.
const Ajv = require('ajv-draft-04') as new (options: Options) => {
  compile(schema: object): ValidateFunction;
};
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;

const report: ValidationReport = {
  passed: false,
  files: [
    {
      file: 'src/api client.ts',
      passed: false,
      findings: [
        {
          gate: 'typecheck',
          rule: 'TS2322',
          severity: 'high',
          message: "Type 'number' is not assignable to type 'string'.",
          line: 2,
          column: 9,
          endLine: 2,
        },
        {
          gate: 'security',
          rule: 'sql-injection',
          severity: 'critical',
          message: 'SQL built | from input',
          line: 3,
          cwe: 'CWE-89',
          fix: 'Use parameters.',
        },
        {
          gate: 'lint',
          rule: 'prefer-const',
          severity: 'low',
          message: "'x' is never reassigned.",
          line: 3,
          column: 3,
        },
        {
          gate: 'patterns',
          rule: 'exported-doc-comments',
          severity: 'info',
          message: 'No doc.',
          line: 1,
        },
      ],
    },
    { file: 'src/ok.ts', passed: true, findings: [] },
  ],
  gates: [
    { gate: 'typecheck', verdict: 'fail', durationMs: 41.6, findings: 1 },
    {
      gate: 'tests',
      verdict: 'skip',
      durationMs: 0,
      findings: 0,
      reason: 'no files this gate applies to',
    },
  ],
};

const source = 'export const a = 1;\n  const s: string = 1;\n  let x = db.query("select " + id);\n';

describe('json report', () => {
  it('keeps exactly the contract keys (plus fix) and drops the gate summaries', () => {
    const json = toValidateJson(report);
    expect(Object.keys(json)).toEqual(['passed', 'files']);
    expect(Object.keys(json.files[0] ?? {})).toEqual(['file', 'passed', 'findings']);
    expect(json.files[0]?.findings[1]).toEqual({
      gate: 'security',
      rule: 'sql-injection',
      severity: 'critical',
      message: 'SQL built | from input',
      line: 3,
      cwe: 'CWE-89',
      fix: 'Use parameters.',
    });
    const rendered = renderReport('json', report, { root: '/p', toolVersion: '1' });
    expect(JSON.parse(rendered)).toEqual(json);
  });
});

describe('sarif report', () => {
  const ajv = new Ajv({
    strict: false,
    unicodeRegExp: false,
    validateFormats: false,
    allErrors: true,
  });
  const validate = ajv.compile(sarifSchema);

  it('validates against the official SARIF 2.1.0 schema', () => {
    const log = toSarif(report, { root: '/work/p', toolVersion: '0.1.0' });
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ version: '2.1.0', runs: [{ tool: {} }] })).toBe(false); // the schema does bite
  });

  it('maps rules, levels, CWE tags, security-severity and root-relative locations', () => {
    const log = toSarif(report, { root: '/work/p', toolVersion: '0.1.0' }) as {
      runs: [
        {
          tool: { driver: { rules: Record<string, unknown>[] } };
          results: Record<string, unknown>[];
          originalUriBaseIds: unknown;
        },
      ];
    };
    const [run] = log.runs;
    expect(run.originalUriBaseIds).toEqual({ ROOT: { uri: 'file:///work/p/' } });
    const security = run.tool.driver.rules.find((r) => r.id === 'security/sql-injection');
    expect(security).toMatchObject({
      helpUri: 'https://cwe.mitre.org/data/definitions/89.html',
      properties: {
        tags: ['security', 'external/cwe/cwe-89'],
        'security-severity': '9.5',
      },
    });
    expect(run.results.map((r) => r.level)).toEqual(['error', 'error', 'note', 'note']);
    expect(run.results[0]).toMatchObject({
      ruleId: 'typecheck/TS2322',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/api%20client.ts', uriBaseId: 'ROOT' },
            region: { startLine: 2, startColumn: 9, endLine: 2 },
          },
        },
      ],
    });
  });
});

describe('markdown report', () => {
  it('has a status line, a gates table and severity markers with escaped cells', () => {
    const md = renderMarkdown(report);
    expect(md.startsWith('## ❌ shipgate: gates failed')).toBe(true);
    expect(md).toContain('| typecheck | ❌ fail | 1 | 42 ms |  |');
    expect(md).toContain('| tests | ⏭️ skip | 0 | 0 ms | no files this gate applies to |');
    expect(md).toContain(
      '| 🔴 critical | 3 | security | `sql-injection (CWE-89)` | SQL built \\| from input _Fix: Use parameters._ |',
    );
    expect(md).toContain('| 🟡 low | 3 | lint |');
    expect(md).toContain('| ℹ️ info | 1 | patterns |');
    expect(md).not.toContain('src/ok.ts');
    expect(renderMarkdown({ passed: true, files: [], gates: [] })).toBe(
      '## ✅ shipgate: gates passed\n\n0 files, 0 failed, 0 findings\n',
    );
  });
});

describe('text report', () => {
  it('groups by file and shows the offending line with a caret under the column', () => {
    const text = renderText(report, {
      color: false,
      source: (file) => (file === 'src/api client.ts' ? source : undefined),
    });
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('TS2322'));
    expect(lines[0]).toBe('✖ src/api client.ts');
    expect(lines[at + 1]).toBe('    2 |   const s: string = 1;');
    expect(lines[at + 2]).toBe('      |         ^');
    expect(text).toContain('✔ src/ok.ts');
    expect(text).toContain('2 files, 1 failed, 4 findings (1 critical, 1 high, 1 low, 1 info)');
    expect(text.trimEnd().endsWith('FAILED')).toBe(true);
    expect(text).not.toContain('\u001b[');
  });

  it('colours only when asked', () => {
    expect(renderText(report, { color: true })).toContain('\u001b[');
  });
});
