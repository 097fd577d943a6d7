/**
 * Ordinary code nobody here wrote: the security gate over the JavaScript of popular npm
 * packages installed in node_modules (tests, minified and >200 KB files left out). None
 * of it is a known vulnerability, so every medium-or-above finding is a likely false
 * positive of the kind that gets a review bot switched off; a crash is a gate failure.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createSecurityGate } from '../../src/gates/security.js';

const packages = [
  'ajv',
  'avvio',
  'axios',
  'bl',
  'bullmq',
  'commander',
  'cross-spawn',
  'debug',
  'deep-extend',
  'dotenv',
  'esbuild',
  'eslint',
  'fast-json-stringify',
  'fastify',
  'find-my-way',
  'form-data',
  'glob',
  'ini',
  'ioredis',
  'js-yaml',
  'kysely',
  'light-my-request',
  'minimatch',
  'pg',
  'pino',
  'prom-client',
  'rfdc',
  'secure-json-parse',
  'semver',
  'simple-git',
  'tar',
  'undici',
  'ws',
  'yaml',
];

function sourcesOf(dir: string, out: string[], depth = 0): void {
  if (depth > 6) return;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // not installed here
  }
  for (const name of names) {
    if (/^(node_modules|tests?|__tests__)$/.test(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) sourcesOf(path, out, depth + 1);
    else if (/\.(c|m)?js$/.test(name) && !name.endsWith('.min.js') && stat.size < 200_000)
      out.push(path);
  }
}

export async function ordinaryCode(nodeModules: string): Promise<Record<string, unknown>> {
  const files: string[] = [];
  for (const name of packages) sourcesOf(join(nodeModules, name), files);
  const gate = createSecurityGate();
  const signal = new AbortController().signal;
  const byRule: Record<string, number> = {};
  let lines = 0;
  let flaggedFiles = 0;
  let crashes = 0;
  for (const path of files) {
    const content = readFileSync(path, 'utf8');
    lines += content.split('\n').length;
    const result = await gate
      .run({ root: '/', files: [{ path, content }], options: {} }, signal)
      .catch(() => null);
    if (!result || (result.verdict === 'fail' && result.findings.length === 0)) {
      crashes += 1;
      continue;
    }
    const serious = result.findings.filter((f) =>
      ['medium', 'high', 'critical'].includes(f.severity),
    );
    if (serious.length > 0) flaggedFiles += 1;
    for (const f of serious) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  }
  const findings = Object.values(byRule).reduce((a, b) => a + b, 0);
  return {
    packages: packages.length,
    files: files.length,
    kloc: Math.round(lines / 1000),
    flaggedFiles,
    findingsMediumPlus: findings,
    perKloc: +(findings / (lines / 1000)).toFixed(2),
    crashes,
    byRule,
  };
}
