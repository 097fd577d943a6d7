import { ErrorCode, ShipgateError } from '../errors.js';

/** localhost, 127.0.0.0/8, ::1 (bracketed or not, and IPv4-mapped 127.x). */
export function isLoopback(host: string): boolean {
  const h = host
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/^::ffff:(?=127\.)/, '');
  return (
    h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1' || /^127(\.\d{1,3}){3}$/.test(h)
  );
}

export interface KeyFacts {
  /** Keys ever created, revoked ones included (revocation never deletes the row). */
  created: number;
  /** Keys not revoked. */
  active: number;
}

export interface AuthPolicy {
  /** Every non-public route (docs/auth.md) needs a key. */
  keysRequired: boolean;
  /** One line for the start banner. */
  summary: string;
}

/**
 * Deny by default (DESIGN.md, ADR 0012): keys are required when `auth.required` is
 * set, when the server binds beyond loopback, or when any key was ever created (so
 * revoking the last key locks the server rather than opening it). Binding beyond
 * loopback without an active key is refused (ConfigInvalid → exit 2).
 */
export function decideAuthPolicy(host: string, required: boolean, keys: KeyFacts): AuthPolicy {
  const loopback = isLoopback(host);
  if (!loopback && keys.active === 0) {
    throw new ShipgateError(
      ErrorCode.ConfigInvalid,
      `refusing to listen on ${host} without an active API key: nobody could use it, or, ` +
        `without auth, anyone who can reach it could use your providers.\n` +
        `Create a key first:  shipgate keys create --name admin --role admin\n` +
        `or listen on loopback only:  shipgate serve --host 127.0.0.1`,
    );
  }
  if (required || !loopback || keys.created > 0) {
    return {
      keysRequired: true,
      summary:
        keys.active > 0
          ? 'API keys required'
          : 'API keys required, but no active key exists: every non-public route answers 401 ' +
            '(create one: shipgate keys create --name admin --role admin)',
    };
  }
  return {
    keysRequired: false,
    summary:
      'no API key was ever created: loopback only, every local request is allowed (auth.required: true changes that)',
  };
}
