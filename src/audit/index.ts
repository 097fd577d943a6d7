export {
  createAuditLog,
  type AuditLog,
  type AuditLogOptions,
  type AuditStats,
} from './audit-log.js';
export type { AuditAppend, AuditEntry, AuditQuery } from './audit-entry.js';
export { GENESIS_HASH, rowHash, type AuditRowContent } from './audit-chain.js';
export { canonicalJson } from './canonical-json.js';
export type { VerifyResult } from './verify-chain.js';
