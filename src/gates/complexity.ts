import { astFile, declarationFile, parseSource } from './ast.js';
import { measureFunctions, type FunctionMetrics } from './complexity-metrics.js';
import type { Finding, Gate, GateResult } from './types.js';

export interface ComplexityLimits {
  maxFunctionLines: number;
  maxCyclomatic: number;
  maxNesting: number;
  maxParams: number;
}

export const defaultComplexityLimits: ComplexityLimits = {
  maxFunctionLines: 50,
  maxCyclomatic: 10,
  maxNesting: 4,
  maxParams: 5,
};

interface Check {
  rule: string;
  limit: keyof ComplexityLimits;
  measure: (m: FunctionMetrics) => number;
  describe: string;
  fix: string;
}

const checks: Check[] = [
  {
    rule: 'function-length',
    limit: 'maxFunctionLines',
    measure: (m) => m.lines,
    describe: 'is {value} lines long',
    fix: 'Split it into smaller functions with one job each.',
  },
  {
    rule: 'cyclomatic-complexity',
    limit: 'maxCyclomatic',
    measure: (m) => m.cyclomatic,
    describe: 'has cyclomatic complexity {value}',
    fix: 'Extract branches into helpers, use early returns or a lookup table.',
  },
  {
    rule: 'nesting-depth',
    limit: 'maxNesting',
    measure: (m) => m.nesting,
    describe: 'nests blocks {value} deep',
    fix: 'Use guard clauses (early return/continue) or extract the inner block.',
  },
  {
    rule: 'parameter-count',
    limit: 'maxParams',
    measure: (m) => m.params,
    describe: 'takes {value} parameters',
    fix: 'Pass one options object instead of many positional parameters.',
  },
];

/** Limits from the gate's options (`gates.complexity.*`), defaults for anything missing. */
export function complexityLimits(options: Record<string, unknown>): ComplexityLimits {
  const limits = { ...defaultComplexityLimits };
  for (const key of Object.keys(limits) as (keyof ComplexityLimits)[]) {
    const value = options[key];
    if (typeof value === 'number' && value > 0) limits[key] = value;
  }
  return limits;
}

/** Findings for every function over a limit; messages name the function, the value and the limit. */
export function complexityFindings(
  path: string,
  content: string,
  limits: ComplexityLimits,
): Finding[] {
  const findings: Finding[] = [];
  for (const metrics of measureFunctions(parseSource(path, content))) {
    for (const check of checks) {
      const value = check.measure(metrics);
      const allowed = limits[check.limit];
      if (value <= allowed) continue;
      const what = check.describe.replace('{value}', String(value));
      findings.push({
        gate: 'complexity',
        rule: check.rule,
        severity: 'medium',
        message: `Function '${metrics.name}' ${what} (max ${allowed}, gates.complexity.${check.limit}).`,
        line: metrics.line,
        endLine: metrics.endLine,
        column: metrics.column,
        fix: check.fix,
        file: path,
      });
    }
  }
  return findings;
}

/** Function length, cyclomatic complexity, nesting depth and parameter count on the TS AST. */
export function createComplexityGate(): Gate {
  return {
    name: 'complexity',
    description: 'function length, cyclomatic complexity, nesting depth, parameter count',
    appliesTo: (path) => astFile.test(path) && !declarationFile.test(path),
    async run(ctx): Promise<GateResult> {
      const started = performance.now();
      const limits = complexityLimits(ctx.options);
      const findings = ctx.files.flatMap((file) =>
        complexityFindings(file.path, file.content, limits),
      );
      return {
        gate: 'complexity',
        verdict: findings.length > 0 ? 'fail' : 'pass',
        findings,
        durationMs: performance.now() - started,
      };
    },
  };
}
