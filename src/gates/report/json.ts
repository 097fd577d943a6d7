import type { ReportedFinding, ValidationReport } from '../validation-report.js';

/** One finding exactly as the `validate` JSON contract names its keys (plus the optional fix). */
export type ValidateJsonFinding = ReportedFinding;

/** The DESIGN.md `validate` JSON shape. */
export interface ValidateJson {
  passed: boolean;
  files: { file: string; passed: boolean; findings: ValidateJsonFinding[] }[];
}

function contractFinding(f: ReportedFinding): ValidateJsonFinding {
  const out: ValidateJsonFinding = {
    gate: f.gate,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    line: f.line,
  };
  if (f.endLine !== undefined) out.endLine = f.endLine;
  if (f.column !== undefined) out.column = f.column;
  if (f.cwe !== undefined) out.cwe = f.cwe;
  if (f.fix !== undefined) out.fix = f.fix;
  return out;
}

/** The report reduced to the contract: extra keys (gate summaries, anything a gate added) dropped. */
export function toValidateJson(report: ValidationReport): ValidateJson {
  return {
    passed: report.passed,
    files: report.files.map((file) => ({
      file: file.file,
      passed: file.passed,
      findings: file.findings.map(contractFinding),
    })),
  };
}

/** One JSON document and a newline: everything `--format json` prints on stdout. */
export function renderJson(report: ValidationReport): string {
  return `${JSON.stringify(toValidateJson(report), null, 2)}\n`;
}
