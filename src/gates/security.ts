import { ErrorCode, ShipgateError } from '../errors.js';
import { analyzeSource, scriptKindFor } from './security/analyze.js';
import { checkPython, type PythonToolsOptions } from './security/python.js';
import { scanTemplate, templateDialect } from './security/templates.js';
import { securityRules } from './security/rules.js';
import { vueScript } from './security/vue-script.js';
import type { SecurityRule } from './security/types.js';
import {
  severityRank,
  type Finding,
  type Gate,
  type GateContext,
  type GateResult,
  type Severity,
} from './types.js';

export interface SecurityGateOptions {
  /** Where and how to run bandit/ruff for Python files (tests point this at an empty directory). */
  pythonTools?: PythonToolsOptions;
  /** Rule families to run (default: all). */
  rules?: readonly SecurityRule[];
}

const isPython = (path: string): boolean => /\.pyi?$/i.test(path);

function blockingLevel(options: Record<string, unknown>): Severity {
  const b = options['blocking'];
  return typeof b === 'string' && Object.hasOwn(severityRank, b) ? (b as Severity) : 'medium';
}

/** CWE-tagged security rules on the TS/JS syntax tree with source→sink taint tracking; bandit/ruff for Python. */
export function createSecurityGate(options: SecurityGateOptions = {}): Gate {
  const rules = options.rules ?? securityRules;
  return {
    name: 'security',
    description:
      'CWE-tagged injection, XSS, SSRF, path traversal, prototype pollution, crypto and credential checks',
    appliesTo: (path) =>
      scriptKindFor(path) !== undefined || templateDialect(path) !== undefined || isPython(path),
    async run(ctx: GateContext, signal: AbortSignal): Promise<GateResult> {
      const started = performance.now();
      const findings: Finding[] = [];
      const python = ctx.files.filter((f) => isPython(f.path));
      for (const file of ctx.files) {
        if (signal.aborted)
          throw new ShipgateError(ErrorCode.Aborted, 'The security gate was cancelled.');
        const raw =
          scriptKindFor(file.path) !== undefined
            ? analyzeSource(file.path, file.content, rules)
            : scanTemplate(file.path, file.content);
        const dialect = templateDialect(file.path);
        const vue =
          dialect === 'vue' || dialect === 'svelte'
            ? vueScript(file.path, file.content)
            : undefined;
        if (vue) raw.push(...analyzeSource(vue.path, vue.content, rules));
        for (const f of raw) {
          findings.push({ gate: 'security', file: file.path, ...f });
        }
      }
      let reason: string | undefined;
      if (python.length > 0) {
        const timeoutMs =
          typeof ctx.options['timeoutMs'] === 'number' ? ctx.options['timeoutMs'] : undefined;
        const py = await checkPython(python, { timeoutMs, ...options.pythonTools }, signal);
        findings.push(...py.findings);
        reason = py.reason;
      }
      const threshold = severityRank[blockingLevel(ctx.options)];
      const failed = findings.some((f) => severityRank[f.severity] >= threshold);
      const result: GateResult = {
        gate: 'security',
        verdict: failed ? 'fail' : reason ? 'skip' : 'pass',
        findings,
        durationMs: performance.now() - started,
      };
      if (reason) result.reason = reason;
      return result;
    },
  };
}
