import { ErrorCode, ShipgateError } from '../errors.js';

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * DESIGN.md: without any API key the server binds only to loopback; binding
 * elsewhere without keys is refused (a ConfigInvalid error → exit 2).
 */
export function checkBinding(host: string, keysExist: boolean): 'keys' | 'loopback-only' {
  if (keysExist) return 'keys';
  if (isLoopback(host)) return 'loopback-only';
  throw new ShipgateError(
    ErrorCode.ConfigInvalid,
    `refusing to listen on ${host} without any API key: anyone who can reach it could use your providers.\n` +
      `Create a key first:  shipgate keys create --name admin --role admin\n` +
      `or listen on loopback only:  shipgate serve --host 127.0.0.1`,
  );
}
