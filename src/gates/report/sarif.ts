import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { severityRank, type Severity } from '../types.js';
import type { ReportedFinding, ValidationReport } from '../validation-report.js';

export interface SarifOptions {
  /** Absolute project root; artifact URIs are relative to it (uriBaseId ROOT). */
  root: string;
  toolVersion: string;
}

type SarifLevel = 'error' | 'warning' | 'note';

/** critical/high → error, medium → warning, low/info → note. */
export function sarifLevel(severity: Severity): SarifLevel {
  if (severityRank[severity] >= severityRank.high) return 'error';
  return severity === 'medium' ? 'warning' : 'note';
}

/** GitHub code scanning's numeric `security-severity` (0–10) for a severity. */
export const securitySeverity: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity'?: string };
}

function helpUri(finding: ReportedFinding): string | undefined {
  const cweNumber = finding.cwe ? /^CWE-(\d+)$/.exec(finding.cwe)?.[1] : undefined;
  if (cweNumber) return `https://cwe.mitre.org/data/definitions/${cweNumber}.html`;
  if (finding.gate !== 'lint' || finding.rule.includes('lint-')) return undefined;
  if (finding.rule.startsWith('@typescript-eslint/')) {
    return `https://typescript-eslint.io/rules/${finding.rule.slice('@typescript-eslint/'.length)}`;
  }
  return /^[a-z-]+$/.test(finding.rule)
    ? `https://eslint.org/docs/latest/rules/${finding.rule}`
    : undefined;
}

function isSecurity(finding: ReportedFinding): boolean {
  return finding.cwe !== undefined || finding.gate === 'security' || finding.gate === 'secrets';
}

function ruleFor(id: string, finding: ReportedFinding): SarifRule {
  const rule: SarifRule = {
    id,
    shortDescription: { text: `${finding.gate}: ${finding.rule}` },
    defaultConfiguration: { level: sarifLevel(finding.severity) },
    properties: { tags: [finding.gate] },
  };
  const uri = helpUri(finding);
  if (uri) rule.helpUri = uri;
  if (isSecurity(finding)) {
    const tags = new Set([...rule.properties.tags, 'security']);
    if (finding.cwe) tags.add(`external/cwe/${finding.cwe.toLowerCase()}`);
    rule.properties.tags = [...tags];
    rule.properties['security-severity'] = securitySeverity[finding.severity];
  }
  return rule;
}

/** Keeps the worst severity seen for a rule in its level and security-severity. */
function worsen(rule: SarifRule, finding: ReportedFinding): void {
  const level = sarifLevel(finding.severity);
  const order: SarifLevel[] = ['note', 'warning', 'error'];
  if (order.indexOf(level) > order.indexOf(rule.defaultConfiguration.level))
    rule.defaultConfiguration.level = level;
  const current = rule.properties['security-severity'];
  if (current && Number(securitySeverity[finding.severity]) > Number(current)) {
    rule.properties['security-severity'] = securitySeverity[finding.severity];
  }
}

function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'ROOT' };
}

function result(
  finding: ReportedFinding,
  file: string,
  ruleIndex: number,
  ruleId: string,
): Record<string, unknown> {
  const region: Record<string, number> = { startLine: finding.line };
  if (finding.column !== undefined) region.startColumn = finding.column;
  if (finding.endLine !== undefined) region.endLine = finding.endLine;
  const text = finding.fix ? `${finding.message} Fix: ${finding.fix}` : finding.message;
  return {
    ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(file), region } }],
    properties: { severity: finding.severity, gate: finding.gate },
  };
}

/** The report as a SARIF 2.1.0 log (one run, tool `shipgate`), for code-scanning uploads. */
export function toSarif(report: ValidationReport, options: SarifOptions): Record<string, unknown> {
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const results: Record<string, unknown>[] = [];
  for (const file of report.files) {
    for (const finding of file.findings) {
      const id = `${finding.gate}/${finding.rule}`;
      let ruleIndex = index.get(id);
      if (ruleIndex === undefined) {
        ruleIndex = rules.push(ruleFor(id, finding)) - 1;
        index.set(id, ruleIndex);
      } else {
        worsen(rules[ruleIndex] as SarifRule, finding);
      }
      results.push(result(finding, file.file, ruleIndex, id));
    }
  }
  const rootUri = `${pathToFileURL(options.root).href.replace(/\/$/, '')}/`;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'shipgate', version: options.toolVersion, rules } },
        originalUriBaseIds: { ROOT: { uri: rootUri } },
        results,
        invocations: [{ executionSuccessful: true }],
      },
    ],
  };
}

export function renderSarif(report: ValidationReport, options: SarifOptions): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}
