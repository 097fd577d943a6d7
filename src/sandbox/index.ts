export { createSandbox, type Sandbox, type SandboxSettings } from './create-sandbox.js';
export { describeIsolation, detectIsolation } from './isolation.js';
export { defaultMemoryMb, defaultTimeoutMs, runInSandbox } from './run-in-sandbox.js';
export {
  toContractResult,
  type SandboxContractResult,
  type SandboxIsolation,
  type SandboxLanguage,
  type SandboxModuleKind,
  type SandboxOptions,
  type SandboxResult,
  type SandboxVerdict,
} from './types.js';
