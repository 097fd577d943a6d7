/**
 * The CommonJS preload the sandboxed program runs with (`node --require preload.cjs`).
 * It is kept as text and written into each run's jail directory, so it works the same
 * from `src/` (tsx, vitest) and from `dist/` (no extra file to ship or copy).
 *
 * It runs before the program and:
 * - counts failed `console.assert` calls (Node only prints "Assertion failed");
 * - reports to the parent on fd 3, each message framed by a nonce the program never
 *   sees (read from the environment, then deleted), so the program cannot forge a report;
 * - disables network entry points (sockets, DNS, fetch, servers), heap snapshots and
 *   signalling other processes. Node 20's permission model covers neither the network
 *   nor `process.kill`; the namespaces (when available) are the stronger layer.
 */
export const reportFd = 3;
export const nonceVariable = 'SHIPGATE_SANDBOX_NONCE';

/** Message types the preload writes on fd 3, one JSON object per line. */
export type PreloadMessage =
  | { nonce: string; type: 'start' }
  | { nonce: string; type: 'assert' }
  | { nonce: string; type: 'exit'; failedAssertions: number; error: string | null };

const source = String.raw`'use strict';
(function shipgateSandboxPreload() {
  const fs = require('fs');
  const writeSync = fs.writeSync;
  const stringify = JSON.stringify;
  const nonce = String(process.env.__NONCE_VARIABLE__ || '');
  delete process.env.__NONCE_VARIABLE__;
  let failed = 0;
  let firstError = null;

  function send(message) {
    message.nonce = nonce;
    try { writeSync(__REPORT_FD__, '\n' + stringify(message) + '\n'); } catch (_) { /* parent gone */ }
  }

  function describe(error) {
    try {
      if (error && typeof error === 'object' && 'message' in error) {
        return String(error.name || 'Error') + ': ' + String(error.message).split('\n')[0];
      }
      return String(error).split('\n')[0];
    } catch (_) {
      return 'unprintable error';
    }
  }

  function lock(target, key, value) {
    try {
      Object.defineProperty(target, key, { value, writable: false, configurable: false, enumerable: true });
    } catch (_) {
      try { target[key] = value; } catch (_) { /* frozen by Node: nothing to replace */ }
    }
  }

  const originalAssert = console.assert;
  lock(console, 'assert', function assert(value, ...rest) {
    if (!value) {
      failed += 1;
      if (failed === 1) send({ type: 'assert' });
    }
    return originalAssert.call(console, value, ...rest);
  });
  process.on('uncaughtExceptionMonitor', (error) => {
    if (firstError === null) firstError = describe(error);
  });
  process.on('exit', () => send({ type: 'exit', failedAssertions: failed, error: firstError }));

  function denied(what) {
    return function blocked() {
      const error = new Error('shipgate sandbox: ' + what + ' is not allowed');
      error.code = 'ERR_SANDBOX_DENIED';
      throw error;
    };
  }
  // Replaced, not locked: Node's own modules assign to some of these (https.Agent) as they load.
  function deny(target, keys, what) {
    if (!target) return;
    for (const key of keys) if (typeof target[key] === 'function') target[key] = denied(what + ' (' + key + ')');
  }
  function denyAll(target, what) {
    if (!target) return;
    for (const key of Object.getOwnPropertyNames(target)) {
      if (key !== 'constructor' && typeof target[key] === 'function') target[key] = denied(what + ' (' + key + ')');
    }
  }

  // Chokepoints only: http(s), tls, http2 and fetch (undici) all connect through
  // net.Socket.prototype.connect, so they need not be loaded (10-25 ms) to be blocked.
  const net = require('net');
  deny(net.Socket.prototype, ['connect'], 'network access');
  deny(net.Server.prototype, ['listen'], 'network access');
  deny(net, ['connect', 'createConnection'], 'network access');
  const dgram = require('dgram');
  deny(dgram.Socket.prototype, ['bind', 'send', 'connect'], 'network access');
  deny(dgram, ['createSocket'], 'network access');
  const dns = require('dns');
  denyAll(dns.Resolver && dns.Resolver.prototype, 'DNS');
  denyAll(dns.promises && dns.promises.Resolver && dns.promises.Resolver.prototype, 'DNS');
  denyAll(dns.promises, 'DNS');
  denyAll(dns, 'DNS');
  for (const name of ['fetch', 'WebSocket', 'EventSource']) {
    if (name in globalThis) Object.defineProperty(globalThis, name, { value: denied('network access (' + name + ')'), writable: true, configurable: true });
  }
  deny(require('v8'), ['getHeapSnapshot', 'writeHeapSnapshot', 'setHeapSnapshotNearHeapLimit'], 'heap snapshots');
  const ownPid = process.pid;
  for (const key of ['kill', '_kill']) {
    const original = process[key];
    if (typeof original !== 'function') continue;
    lock(process, key, function kill(pid, signal) {
      if (Number(pid) !== ownPid) denied('signalling other processes')();
      return original.call(process, pid, signal);
    });
  }
  try { require('module').syncBuiltinESMExports(); } catch (_) { /* older Node */ }
  send({ type: 'start' });
})();
`;

/** The preload's JavaScript text. */
export function preloadSource(): string {
  return source
    .replaceAll('__NONCE_VARIABLE__', nonceVariable)
    .replaceAll('__REPORT_FD__', String(reportFd));
}
