export { createAuth, type Auth, type AuthOptions, type AuthStats } from './auth.js';
export type { BudgetLogger } from './budget-tracker.js';
export {
  createApiKey,
  validateKeyInput,
  type CreateKeyInput,
  type CreatedKey,
} from './create-key.js';
export { hashApiKey, presentedKey } from './key-format.js';
export { budgetPeriods, nextPeriodStart, periodStart, type BudgetPeriod } from './period.js';
export { principalOf, toKeyInfo, type KeyInfo, type Principal } from './principal.js';
export { createMemoryRateLimiter, type RateLimiter } from './rate-limiter.js';
export {
  hasPermission,
  isRole,
  permissions,
  rolePermissions,
  roles,
  usageScope,
  type Permission,
  type Role,
} from './roles.js';
