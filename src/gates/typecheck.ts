import { createTypecheckClient } from './typecheck-client.js';
import type { TypecheckEngine } from './typecheck-engine.js';
import type { Finding, Gate, GateResult, SourceFile, Trust } from './types.js';

const checked = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;
const declaration = /\.d\.[cm]?ts$/i;

export interface TypecheckGateOptions {
  /** Run the LanguageService in a worker thread (default true); false runs it inline. */
  worker?: boolean;
  /**
   * The worker runs at the lowest thread priority (the server: its event loop serves
   * /v1 first). The CLI leaves it at normal priority, beside the user's other processes.
   */
  background?: boolean;
}

interface CheckInput {
  root: string;
  files: SourceFile[];
  suggestions: boolean;
  trust?: Trust;
}

type Check = (input: CheckInput) => Promise<Finding[]>;

/** The in-thread engine, imported on first use (TypeScript's LanguageService is large). */
function inlineCheck(): Check {
  let engine: Promise<TypecheckEngine> | undefined;
  return async ({ root, files, suggestions, trust }) => {
    engine ??= import('./typecheck-engine.js').then((m) => m.createTypecheckEngine());
    return (await engine).check(root, files, suggestions, trust);
  };
}

/**
 * Type-checks the given files with a LanguageService kept warm per project root (in a
 * worker thread by default, so it runs alongside the other gates), with the project's
 * own TypeScript for `project` input when it has one installed. Only the given files
 * are reported. Option `suggestions: true` adds suggestion diagnostics at low severity.
 */
export function createTypecheckGate(options: TypecheckGateOptions = {}): Gate {
  let inline: Check | undefined;
  const remote =
    options.worker === false
      ? undefined
      : createTypecheckClient({ background: options.background === true });
  const runInline: Check = (input) => (inline ??= inlineCheck())(input);

  async function check(input: CheckInput, signal: AbortSignal): Promise<Finding[]> {
    if (!remote || remote.unavailable()) return runInline(input);
    try {
      return await remote.check(input, signal);
    } catch (error) {
      if (remote.unavailable()) return runInline(input);
      throw error;
    }
  }

  /** Plain JS without checkJs: syntax only, no program (typecheck-syntax.ts). */
  async function checkOrParse(input: CheckInput, signal: AbortSignal): Promise<Finding[]> {
    if (input.suggestions) return check(input, signal);
    const syntax = await import('./typecheck-syntax.js');
    if (!syntax.syntaxOnly(input.root, input.files)) return check(input, signal);
    return syntax.syntaxFindings(input.files);
  }

  return {
    prewarm: (root, trust) => remote?.prewarm(root, trust),
    close: async () => remote?.close(),
    name: 'typecheck',
    description: 'TypeScript type-check (your tsconfig.json, or strict defaults)',
    appliesTo: (path) => checked.test(path) && !declaration.test(path),
    async run(ctx, signal): Promise<GateResult> {
      const started = performance.now();
      const suggestions = ctx.options.suggestions === true;
      const input = { root: ctx.root, files: ctx.files, suggestions, trust: ctx.trust };
      const findings = await checkOrParse(input, signal);
      const verdict = findings.some((f) => f.severity === 'high') ? 'fail' : 'pass';
      return { gate: 'typecheck', verdict, findings, durationMs: performance.now() - started };
    },
  };
}
