/**
 * Piscina worker of the gate pool: holds warm instances of the CPU-bound gates (ESLint
 * engines per root, compiled security rules) and runs one gate per task, off the main
 * thread. A task the caller aborts terminates this worker (piscina), which frees the CPU.
 */
import { createComplexityGate } from './complexity.js';
import { capGateFindings } from './finding-cap.js';
import { createLintGate } from './lint.js';
import { createPatternsGate } from './patterns.js';
import { createSecretsGate } from './secrets.js';
import { createSecurityGate } from './security.js';
import { lowerThreadPriority, lowestPriority } from './thread-priority.js';
import type { Gate, GateContext, GateResult } from './types.js';

export interface GateTask {
  gate: string;
  ctx: GateContext;
}

lowerThreadPriority(lowestPriority);

const gates = new Map<string, Gate>(
  [
    createLintGate(),
    createSecurityGate(),
    createSecretsGate(),
    createComplexityGate(),
    createPatternsGate(),
  ].map((gate) => [gate.name, gate]),
);

export default async function runGateTask(task: GateTask): Promise<GateResult> {
  const gate = gates.get(task.gate);
  if (!gate) throw new Error(`the gate pool has no gate named ${task.gate}`);
  const result = await gate.run(task.ctx, new AbortController().signal);
  // copying a huge result to the main thread would stall its event loop
  return { ...result, findings: capGateFindings(result.findings) };
}
