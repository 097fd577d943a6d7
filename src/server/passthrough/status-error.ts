import type { ShipgateError } from '../../errors.js';
import { upstreamStatusError as classify } from '../../providers/status-error.js';

type Headers = Record<string, string | string[] | undefined>;

function flat(headers: Headers): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = Array.isArray(v) ? v[0] : v;
  return out;
}

/** A non-2xx upstream answer → a ShipgateError the router can retry or fall back on. */
export function upstreamStatusError(status: number, headers: Headers, body: string): ShipgateError {
  return classify({ status, headers: flat(headers), body });
}
