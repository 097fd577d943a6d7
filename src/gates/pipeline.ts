import { isAbsolute, relative, resolve } from 'node:path';
import type { GatesConfig } from '../config/gates-schema.js';
import { ErrorCode, ShipgateError } from '../errors.js';
import { assembleReport, displayPath, type Collected } from './assemble-report.js';
import { pooledGateNames, type GatePool } from './gate-pool.js';
import { createGates } from './registry.js';
import { gateLevelFindings, pipelineRules, runGate } from './run-gate.js';
import {
  severityRank,
  type Gate,
  type GateResult,
  type Severity,
  type SourceFile,
  type Trust,
} from './types.js';
import type { ValidationReport } from './validation-report.js';

export { displayPath };

export interface ValidationInput {
  /** Project root: tsconfig.json, ESLint config and package.json are read from here. */
  root: string;
  /** Files to check (absolute paths, or relative to root); content is authoritative. */
  files: SourceFile[];
  /**
   * Gate names to run; default: every gate enabled in config. For `project` input naming
   * a gate runs it even if disabled; for `untrusted` input a disabled gate is refused.
   */
  gates?: string[];
  config: GatesConfig;
}

export interface ValidatorOptions {
  /** The gates to offer (default: the registry's). Tests inject fakes here. */
  gates?: Gate[];
  /** A typecheck gate created (and prewarmed) earlier, to use instead of a new one. */
  typecheck?: Gate;
  /**
   * Whose files this validator sees (default `untrusted`): the CLI on the user's own
   * project passes `project`; the server never does. See `Trust`.
   */
  trust?: Trust;
  /** Run the CPU-bound gates in this worker pool instead of on the calling thread (the server). */
  pool?: GatePool;
}

export interface Validator {
  readonly gateNames: readonly string[];
  readonly trust: Trust;
  /** True when one of these gates (default: all) looks at this path; picks files while walking directories. */
  appliesTo(path: string, gates?: readonly string[]): boolean;
  validate(input: ValidationInput, signal?: AbortSignal): Promise<ValidationReport>;
  /** Stops the worker pool and the gates' own workers (the typecheck worker). */
  close(): Promise<void>;
}

interface GateSettings {
  enabled: boolean;
  blocking: Severity;
  timeoutMs: number;
  options: Record<string, unknown>;
}

function settingsFor(config: GatesConfig, name: string): GateSettings {
  const raw = (config as unknown as Record<string, unknown>)[name];
  const options = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const blocking = typeof options.blocking === 'string' && options.blocking in severityRank;
  return {
    enabled: options.enabled !== false,
    blocking: blocking ? (options.blocking as Severity) : 'medium',
    timeoutMs: typeof options.timeoutMs === 'number' ? options.timeoutMs : config.timeoutMs,
    options,
  };
}

/** Throws a usage error naming the known gates when `names` has one that is not among them. */
export function assertKnownGates(known: readonly string[], names: readonly string[]): void {
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  throw new ShipgateError(
    ErrorCode.BadRequest,
    `unknown gate${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known gates: ${known.join(', ')})`,
    { details: { unknown, known } },
  );
}

/** Untrusted callers cannot switch on what the operator switched off. */
function assertEnabled(config: GatesConfig, names: readonly string[]): void {
  const disabled = names.filter((name) => !settingsFor(config, name).enabled);
  if (disabled.length === 0) return;
  const keys = disabled.map((name) => `gates.${name}.enabled`).join(', ');
  throw new ShipgateError(
    ErrorCode.Forbidden,
    `gate${disabled.length > 1 ? 's' : ''} ${disabled.join(', ')} ${disabled.length > 1 ? 'are' : 'is'} disabled in the server's config (${keys}: false); a request cannot enable ${disabled.length > 1 ? 'them' : 'it'}`,
    { details: { disabled } },
  );
}

function selectGates(all: readonly Gate[], input: ValidationInput, trust: Trust): Gate[] {
  if (!input.gates) return all.filter((gate) => settingsFor(input.config, gate.name).enabled);
  assertKnownGates(
    all.map((gate) => gate.name),
    input.gates,
  );
  if (trust !== 'project') assertEnabled(input.config, input.gates);
  return all.filter((gate) => input.gates?.includes(gate.name));
}

/** Untrusted files live under the root: a path climbing out of it is refused, not followed. */
function assertInsideRoot(root: string, files: readonly SourceFile[]): void {
  for (const file of files) {
    const rel = relative(root, file.path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || file.path.includes('\0'))
      throw new ShipgateError(
        ErrorCode.BadRequest,
        `file path ${JSON.stringify(displayPath(root, file.path))} must be relative to the project root, without ".."`,
      );
  }
}

/**
 * Verdicts come from findings and the blocking threshold; a gate's own "fail" only counts
 * when it has no finding to show for it, and then it fails visibly (`gate-failed`).
 */
function explainBareFailure(result: GateResult, ctx: { files: SourceFile[] }): GateResult {
  if (result.verdict !== 'fail' || result.findings.length > 0) return result;
  const message = `The ${result.gate} gate failed${result.reason ? `: ${result.reason}` : ''}.`;
  const extra = gateLevelFindings(
    result.gate,
    { root: '', files: ctx.files, options: {} },
    pipelineRules.failed,
    message,
  );
  return { ...result, findings: [...result.findings, ...extra] };
}

async function runOne(
  gate: Gate,
  input: ValidationInput & { trust: Trust },
  files: SourceFile[],
  signal?: AbortSignal,
): Promise<Collected> {
  const settings = settingsFor(input.config, gate.name);
  const applicable = files.filter((file) => gate.appliesTo(file.path));
  if (applicable.length === 0) {
    const result: GateResult = {
      gate: gate.name,
      verdict: 'skip',
      findings: [],
      durationMs: 0,
      reason: 'no files this gate applies to',
    };
    return { result, threshold: settings.blocking };
  }
  const ctx = {
    root: input.root,
    files: applicable,
    options: settings.options,
    trust: input.trust,
  };
  const result = await runGate(gate, ctx, settings.timeoutMs, signal);
  return {
    result: explainBareFailure(result, ctx),
    threshold: settings.blocking,
  };
}

/**
 * The validate service core, shared by the CLI and `POST /api/validate`. The gates
 * (and so their warm per-root state: LanguageService, ESLint instances) live as long
 * as the validator; keep one per process and reuse it.
 */
export function createValidator(options: ValidatorOptions = {}): Validator {
  const local = options.gates ?? createGates({ typecheck: options.typecheck });
  const { pool } = options;
  const pooled = new Set<string>(pooledGateNames);
  const gates = pool
    ? local.map((gate) => (pooled.has(gate.name) ? pool.wrap(gate) : gate))
    : local;
  const trust: Trust = options.trust ?? 'untrusted';
  return {
    async close() {
      await Promise.all([pool?.close(), ...local.map((gate) => gate.close?.())]);
    },
    trust,
    gateNames: gates.map((gate) => gate.name),
    appliesTo: (path, names) =>
      gates.some((gate) => (!names || names.includes(gate.name)) && gate.appliesTo(path)),
    async validate(input, signal) {
      const selected = selectGates(gates, input, trust);
      const root = resolve(input.root);
      const files = input.files.map((file) => ({
        path: resolve(root, file.path),
        content: file.content,
      }));
      if (trust !== 'project') assertInsideRoot(root, files);
      const collected = await Promise.all(
        selected.map((gate) => runOne(gate, { ...input, root, trust }, files, signal)),
      );
      return assembleReport(root, files, collected);
    },
  };
}
