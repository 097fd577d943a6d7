import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ESLint, Linter } from 'eslint';
import { importProjectModule, resolveProjectModule } from './project-module.js';
import type { Finding, Gate, GateContext, GateResult, Trust } from './types.js';

const linted = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;
const declaration = /\.d\.[cm]?ts$/i;
const configNames = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
];
const maxRoots = 8;

/**
 * Used when the project has no flat config: ESLint and typescript-eslint recommended,
 * without type information (fast). `no-undef` is off: the typecheck gate covers it.
 */
export async function builtinLintConfig(): Promise<Linter.Config[]> {
  // Imported on first use: ESLint and typescript-eslint take a while to load.
  const [{ default: js }, { default: tseslint }] = await Promise.all([
    import('@eslint/js'),
    import('typescript-eslint'),
  ]);
  return [
    js.configs.recommended,
    ...(tseslint.configs.recommended as Linter.Config[]),
    { rules: { 'no-undef': 'off' } },
  ];
}

interface LintEngine {
  eslint: ESLint;
  /** Where this ESLint came from: the project's own install, or the one shipgate bundles. */
  source: string;
  /** The project's config file, or null for the built-in config. */
  configFile: string | null;
  stamp: number;
  /** True once a lint succeeded, i.e. the config loaded. */
  loaded: boolean;
}

/** The project's flat config file and its mtime (a change rebuilds the engine). */
export function findProjectConfig(root: string): { file: string | null; stamp: number } {
  for (const name of configNames) {
    const file = join(root, name);
    try {
      return { file, stamp: statSync(file).mtimeMs };
    } catch {
      // not this one
    }
  }
  return { file: null, stamp: -1 };
}

type EslintModule = {
  ESLint: typeof ESLint;
  loadESLint?: (options: { useFlatConfig: boolean }) => Promise<typeof ESLint>;
};

/**
 * The project's own ESLint when it has one installed (ESLint ≥ 8.57 with flat config),
 * so its plugins and parsers match the version they were written for; else the bundled one.
 */
async function projectEslint(root: string): Promise<{ ESLint: typeof ESLint; source: string }> {
  const found = resolveProjectModule(root, 'eslint');
  if (found) {
    try {
      const mod = await importProjectModule<EslintModule & { default?: EslintModule }>(found);
      const api = mod.loadESLint ? mod : (mod.default ?? mod);
      const Eslint = api.loadESLint ? await api.loadESLint({ useFlatConfig: true }) : api.ESLint;
      if (typeof Eslint === 'function')
        return { ESLint: Eslint, source: `project eslint ${found.version}` };
    } catch {
      // unusable install: the bundled ESLint still lints
    }
  }
  const { ESLint: Bundled } = await import('eslint');
  return { ESLint: Bundled, source: 'bundled eslint' };
}

/**
 * `project` trust with a flat config file: the project's config with the project's ESLint
 * (`eslint.config.ts` too, through jiti). Otherwise — untrusted input, or no config — the
 * built-in config on the bundled ESLint, and no file from the root is ever loaded.
 */
async function createEngine(
  root: string,
  found: { file: string | null; stamp: number },
): Promise<LintEngine> {
  if (found.file) {
    const { ESLint: Eslint, source } = await projectEslint(root);
    const eslint = new Eslint({ cwd: root });
    return { eslint, source, configFile: found.file, stamp: found.stamp, loaded: false };
  }
  const { ESLint: Bundled } = await import('eslint');
  const eslint = new Bundled({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: await builtinLintConfig(),
  });
  return { eslint, source: 'bundled eslint', configFile: null, stamp: -1, loaded: false };
}

function toFindings(result: ESLint.LintResult, path: string): Finding[] {
  return result.messages.map((message) => {
    const finding: Finding = {
      gate: 'lint',
      rule: message.ruleId ?? (message.fatal ? 'parse-error' : 'eslint'),
      severity: message.severity === 2 ? 'medium' : 'low',
      message: message.message,
      line: Math.max(1, message.line),
      file: path,
    };
    if (message.column) finding.column = message.column;
    if (message.endLine) finding.endLine = message.endLine;
    return finding;
  });
}

function configErrorFindings(
  configFile: string | null,
  paths: string[],
  cause: unknown,
): Finding[] {
  const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  const where = configFile ?? 'the built-in ESLint config';
  const message = `ESLint could not load ${where}: ${detail}. Fix the config, or remove it to use shipgate's built-in recommended rules.`;
  return paths.map((file) => ({
    gate: 'lint',
    rule: 'lint-config-error',
    severity: 'medium',
    message,
    line: 1,
    file,
  }));
}

async function lintFiles(
  engine: LintEngine,
  ctx: GateContext,
  signal: AbortSignal,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const file of ctx.files) {
    if (signal.aborted) throw new Error('lint was cancelled');
    const [result] = await engine.eslint.lintText(file.content, {
      filePath: file.path,
      warnIgnored: false,
    });
    engine.loaded = true;
    if (result) findings.push(...toFindings(result, file.path));
    await yieldToEventLoop();
  }
  return findings;
}

/**
 * Lints the given files (in memory, via `lintText`) with the project's own flat config
 * when the root has one, else the built-in recommended config. One ESLint instance
 * per root, reused across runs.
 */
export interface LintGateOptions {
  /** Called whenever a new ESLint instance is built for a root (observability, tests). */
  onEngineCreated?: (root: string) => void;
}

export function createLintGate(options: LintGateOptions = {}): Gate {
  const engines = new Map<string, LintEngine>();

  async function engineFor(root: string, trust: Trust | undefined): Promise<LintEngine> {
    const found =
      trust === 'project' ? findProjectConfig(root) : { file: null, stamp: -1 as number };
    const key = `${trust === 'project' ? 'project' : 'untrusted'}:${root}`;
    let engine = engines.get(key);
    if (!engine || engine.stamp !== found.stamp || engine.configFile !== found.file) {
      engine = await createEngine(root, found);
      options.onEngineCreated?.(root);
    }
    engines.delete(key);
    engines.set(key, engine);
    for (const key of engines.keys()) {
      if (engines.size <= maxRoots) break;
      engines.delete(key);
    }
    return engine;
  }

  return {
    name: 'lint',
    description:
      "ESLint with the project's flat config and ESLint (CLI only), or recommended + typescript-eslint",
    appliesTo: (path) => linted.test(path) && !declaration.test(path),
    async run(ctx, signal): Promise<GateResult> {
      const started = performance.now();
      const paths = ctx.files.map((f) => f.path);
      let engine: LintEngine | undefined;
      let findings: Finding[];
      try {
        engine = await engineFor(ctx.root, ctx.trust);
        findings = await lintFiles(engine, ctx, signal);
      } catch (cause) {
        // Loading the config happens on an engine's first lint; later errors are the gate's own.
        if (engine?.loaded) throw cause;
        engines.delete(`${ctx.trust === 'project' ? 'project' : 'untrusted'}:${ctx.root}`);
        findings = configErrorFindings(engine?.configFile ?? null, paths, cause);
      }
      const verdict = findings.some((f) => f.severity === 'medium') ? 'fail' : 'pass';
      const result: GateResult = {
        gate: 'lint',
        verdict,
        findings,
        durationMs: performance.now() - started,
      };
      if (engine) result.reason = `${engine.source}, ${engine.configFile ?? 'built-in config'}`;
      return result;
    },
  };
}
