export { defaultMaxAttempts, defaultTemperature, generateCode } from './loop.js';
export { resolveInside, writeGeneratedFiles, type WrittenFile } from './write-files.js';
export { findingKey, findingsFromReport, sameFindings } from './findings.js';
export { insideRoot, isTestPath, parseModelOutput, testPathFor } from './parse-output.js';
export { repairMessage, sourceExcerpt } from './repair-prompt.js';
export { combineForTests, runGeneratedTests } from './test-run.js';
export type {
  AttemptRecord,
  AttemptVerdict,
  CodeValidator,
  GenerateBudget,
  GenerateDeps,
  GeneratedFile,
  GenerateFinding,
  GenerateRequest,
  GenerateResult,
  ModelCaller,
  ProgressEvent,
  PromptRendered,
  PromptRenderer,
  PromptRenderRequest,
  SandboxRunner,
  StopReason,
} from './types.js';
