/**
 * Checks a resolved provider's settings at call time. A missing key or base URL is
 * a ConfigInvalid error (not retryable) that says which setting to fix.
 */
import type { ResolvedProvider } from '../config/load.js';
import { ErrorCode, ShipgateError } from '../errors.js';

export function requireSetting(
  config: ResolvedProvider,
  setting: 'apiKey' | 'baseUrl',
  fix: string,
): string {
  const value = setting === 'apiKey' ? config.apiKey : config.baseUrl;
  if (value !== undefined && value !== '') return value;
  throw new ShipgateError(
    ErrorCode.ConfigInvalid,
    `provider "${config.name}" (kind ${config.kind}) has no ${setting}: ${fix}`,
  );
}
