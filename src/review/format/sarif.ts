import { pathToFileURL } from 'node:url';
import { sarifLevel, securitySeverity } from '../../gates/report/sarif.js';
import type { ReviewFinding, ReviewResult } from '../types.js';
import { summaryLine } from './summary-line.js';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[]; precision: string; 'security-severity'?: string };
}

function helpUri(finding: ReviewFinding): string | undefined {
  const cwe = finding.cwe ? /^CWE-(\d+)$/.exec(finding.cwe)?.[1] : undefined;
  if (cwe) return `https://cwe.mitre.org/data/definitions/${cwe}.html`;
  const [gate, ...rest] = finding.rule.split('/');
  const name = rest.join('/');
  if (gate !== 'lint') return undefined;
  if (name.startsWith('@typescript-eslint/'))
    return `https://typescript-eslint.io/rules/${name.slice('@typescript-eslint/'.length)}`;
  return /^[a-z-]+$/.test(name) ? `https://eslint.org/docs/latest/rules/${name}` : undefined;
}

function ruleFor(finding: ReviewFinding): SarifRule {
  const uri = helpUri(finding);
  const cwe = finding.cwe ? ` (${finding.cwe})` : '';
  const what = `${finding.category} rule ${finding.rule}${cwe}, reported by shipgate's ${finding.source === 'gate' ? 'gates' : 'model review'}`;
  const fix =
    finding.suggestion ?? 'Review the flagged change; fix it, or dismiss it with a reason.';
  const more = uri ? ` More: ${uri}` : '';
  const rule: SarifRule = {
    id: finding.rule,
    name: finding.rule.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ?? '').toUpperCase()),
    shortDescription: { text: `${finding.rule}${cwe}` },
    fullDescription: { text: `${what}. Example: ${finding.message}` },
    help: { text: `${fix}${more}`, markdown: `${fix}${uri ? `\n\n[More](${uri})` : ''}` },
    defaultConfiguration: { level: sarifLevel(finding.severity) },
    properties: {
      tags: [finding.category],
      precision: finding.source === 'gate' ? 'high' : 'medium',
    },
  };
  if (uri) rule.helpUri = uri;
  if (finding.category === 'security' || finding.category === 'secrets' || finding.cwe) {
    rule.properties.tags.push('security');
    if (finding.cwe) rule.properties.tags.push(`external/cwe/${finding.cwe.toLowerCase()}`);
    rule.properties['security-severity'] = securitySeverity[finding.severity];
  }
  return rule;
}

function resultOf(finding: ReviewFinding, ruleIndex: number): Record<string, unknown> {
  const region: Record<string, number> = { startLine: finding.line };
  if (finding.endLine !== undefined) region.endLine = finding.endLine;
  const uri = finding.file.split('/').map(encodeURIComponent).join('/');
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: {
      text: finding.suggestion ? `${finding.message} Fix: ${finding.suggestion}` : finding.message,
    },
    locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: 'ROOT' }, region } }],
    partialFingerprints: { 'shipgate/v1': finding.fingerprint },
    properties: { severity: finding.severity, source: finding.source, category: finding.category },
  };
}

export interface ReviewSarifOptions {
  root: string;
  toolVersion: string;
}

/** SARIF 2.1.0 for code scanning: partialFingerprints, and every rule with fullDescription and help. */
export function toReviewSarif(
  result: ReviewResult,
  options: ReviewSarifOptions,
): Record<string, unknown> {
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const results = result.findings.map((finding) => {
    let ruleIndex = index.get(finding.rule);
    if (ruleIndex === undefined) {
      ruleIndex = rules.push(ruleFor(finding)) - 1;
      index.set(finding.rule, ruleIndex);
    }
    return resultOf(finding, ruleIndex);
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipgate',
            version: options.toolVersion,
            informationUri: 'https://github.com/shipgate/shipgate',
            rules,
          },
        },
        originalUriBaseIds: {
          ROOT: { uri: `${pathToFileURL(options.root).href.replace(/\/$/, '')}/` },
        },
        results,
        invocations: [
          {
            executionSuccessful: !result.partial,
            toolExecutionNotifications: [{ level: 'note', message: { text: summaryLine(result) } }],
          },
        ],
      },
    ],
  };
}
