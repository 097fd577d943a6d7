import type { Gate } from './types.js';
import { createComplexityGate } from './complexity.js';
import { createLintGate } from './lint.js';
import { createPatternsGate } from './patterns.js';
import { createSecretsGate } from './secrets.js';
import { createSecurityGate } from './security.js';
import { createTestsGate } from './tests.js';
import { createTypecheckGate } from './typecheck.js';

/**
 * Builds the gate list in report order. Each call returns fresh gate instances,
 * so warm state (LanguageService, ESLint) belongs to whoever created them.
 */
export function createGates(prepared: { typecheck?: Gate } = {}): Gate[] {
  return [
    prepared.typecheck ?? createTypecheckGate(),
    createLintGate(),
    createSecurityGate(),
    createSecretsGate(),
    createComplexityGate(),
    createPatternsGate(),
    createTestsGate(),
  ];
}
