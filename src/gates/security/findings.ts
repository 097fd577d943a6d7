import type ts from 'typescript';
import { flowStart } from './flow-start.js';
import type { FindingSpec, RawFinding } from './types.js';

/** Findings of one file, one per rule and start position. */
export class FindingSink {
  readonly findings: RawFinding[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly sf: ts.SourceFile) {}

  add(node: ts.Node, spec: FindingSpec): void {
    const from = flowStart(node, this.sf, spec.rule);
    const start = this.sf.getLineAndCharacterOfPosition(from.getStart(this.sf));
    const end = this.sf.getLineAndCharacterOfPosition(node.getEnd());
    const key = `${spec.rule}:${start.line}:${start.character}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push({
      ...spec,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
    });
  }
}
