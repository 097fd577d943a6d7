/**
 * DNS-rebinding defence: a server bound to loopback answers only requests whose
 * `Host` names a loopback host (localhost, 127.x.x.x, [::1]) or one listed in
 * `server.allowedHosts`. A web page that re-points its own name at 127.0.0.1 then
 * gets a 403 instead of the local gateway; a foreign web `Origin` (a cross-site
 * request a page fires at 127.0.0.1) gets the same. See ADR 0013 and docs/serve.md.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { ErrorCode, ShipgateError } from '../../errors.js';
import { isLoopback } from '../bind-policy.js';

export interface HostCheckOptions {
  /** The interface the server listens on (`server.host` / `--host`). */
  bindHost: string;
  /** Extra names (or `name:port`) clients may use: `server.allowedHosts`. */
  allowedHosts: readonly string[];
}

/** The host part of a Host header (`name`, `name:port`, `[v6]:port`), lower-cased; null if malformed. */
export function hostnameOf(hostHeader: string): string | null {
  const value = hostHeader.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) return bracketed[1] ?? null;
  const plain = /^([a-z0-9.-]+|[0-9a-f:]*:[0-9a-f:.]*)(?::\d{1,5})?$/.exec(value);
  if (!plain?.[1]) return null;
  // An unbracketed IPv6 address has no port: take the whole value.
  return plain[1].includes(':') ? value : plain[1];
}

/** Whether a Host header may reach this server; `allowed` holds lower-cased names and `name:port`s. */
export function hostAllowed(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (hostHeader === undefined || hostHeader === '') return false;
  const name = hostnameOf(hostHeader);
  if (name === null) return false;
  return isLoopback(name) || allowed.has(name) || allowed.has(hostHeader.trim().toLowerCase());
}

/**
 * Whether a browser's `Origin` may call: absent (non-browser clients), a non-web
 * scheme (editor webviews), or an http(s) origin whose host passes the Host rule.
 * `null` (sandboxed frames, file: pages) and foreign web origins may not: that is
 * what stops a page from firing body-less cross-site POSTs (CSRF) at a keyless server.
 */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  if (origin.trim().toLowerCase() === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return true;
  return hostAllowed(url.host, allowed);
}

function refuse(
  what: string,
  value: string | undefined,
  allowed: ReadonlySet<string>,
): ShipgateError {
  const shown = JSON.stringify((value ?? '').slice(0, 100));
  return new ShipgateError(
    ErrorCode.Forbidden,
    `${what} ${shown} is not allowed: this server answers to localhost, 127.0.0.1 and [::1]` +
      (allowed.size > 0 ? ` and ${[...allowed].join(', ')}` : '') +
      '; add the name to server.allowedHosts in the config to allow it',
  );
}

/**
 * The check for one request's headers, or null when none applies: only a server
 * bound to loopback, or one with `allowedHosts` set (then whatever the bind), checks.
 * The returned function gives the error to answer with (403), or null to go on.
 */
export function hostGuard(
  options: HostCheckOptions,
): ((headers: IncomingHttpHeaders) => ShipgateError | null) | null {
  const allowed = new Set(options.allowedHosts.map((host) => host.trim().toLowerCase()));
  if (!isLoopback(options.bindHost) && allowed.size === 0) return null;
  return ({ host, origin }) => {
    const badHost = !hostAllowed(host, allowed);
    if (!badHost && originAllowed(origin, allowed)) return null;
    return badHost ? refuse('Host', host, allowed) : refuse('Origin', origin, allowed);
  };
}

/** Installs the check (see hostGuard) as Fastify's first refusal, before authentication. */
export function installHostCheck(app: FastifyInstance, options: HostCheckOptions): void {
  const guard = hostGuard(options);
  if (!guard) return;
  app.addHook('onRequest', async (request, reply) => {
    const refused = guard(request.headers);
    if (!refused) return;
    reply.header('connection', 'close'); // nothing more to say to that page
    throw refused;
  });
}
