import { ErrorCode, ShipgateError } from '../errors.js';

/** A short description of a driver error: its code (ECONNREFUSED, 3D000, SQLITE_…) and message. */
export function describeCause(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === undefined) return message;
  if (message.includes(code)) return message;
  return message === '' ? code : `${code}: ${message}`;
}

/** The `code` property drivers put on their errors (Node system errors, pg SQLSTATE, SQLite). */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function storeUnavailable(message: string, cause?: unknown): ShipgateError {
  return new ShipgateError(ErrorCode.StoreUnavailable, message, { cause, retryable: true });
}

/** True for a unique-constraint violation on either backend (matched on codes, not text). */
export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
