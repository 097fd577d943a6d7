/**
 * Heavy modules (database drivers, the AI SDK, the TypeScript compiler, secretlint)
 * are loaded when a command runs, not when the CLI starts: `shipgate --help` and the
 * light commands must not pay for them.
 */
export const loadStore = () => import('../store/store.js');
export const loadRuntime = () => import('../runtime.js');
export const loadRedaction = () => import('../secrets/redact.js');
export const loadSandbox = () => import('../sandbox/index.js');
export const loadAuditLog = () => import('../audit/audit-log.js');
