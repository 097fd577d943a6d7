import { detectIsolation } from './isolation.js';
import { runInSandbox } from './run-in-sandbox.js';
import type { SandboxIsolation, SandboxOptions, SandboxResult } from './types.js';

/** A sandbox runner that detects the host's isolation once and reuses it for every run. */
export interface Sandbox {
  run(options: Omit<SandboxOptions, 'isolation'>): Promise<SandboxResult>;
  isolation(): Promise<SandboxIsolation>;
}

export interface SandboxSettings {
  /** Use this isolation instead of detecting it (e.g. to force the preload-only fallback). */
  isolation?: SandboxIsolation;
  pathVariable?: string;
}

export function createSandbox(settings: SandboxSettings = {}): Sandbox {
  let detected: Promise<SandboxIsolation> | undefined =
    settings.isolation === undefined ? undefined : Promise.resolve(settings.isolation);
  const isolation = (): Promise<SandboxIsolation> =>
    (detected ??= detectIsolation(settings.pathVariable));
  return {
    isolation,
    run: async (options) => runInSandbox({ ...options, isolation: await isolation() }),
  };
}
